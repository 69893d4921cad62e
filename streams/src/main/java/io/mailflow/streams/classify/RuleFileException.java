package io.mailflow.streams.classify;

/**
 * Raised when a rule file cannot be read or one of its rules is invalid. The message names the file,
 * the rule id and the field; the accessors return them separately.
 */
public final class RuleFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String ruleId;
    private final String field;

    RuleFileException(String file, String ruleId, String field, String problem) {
        super(format(file, ruleId, field, problem));
        this.file = file;
        this.ruleId = ruleId;
        this.field = field;
    }

    RuleFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.ruleId = null;
        this.field = null;
    }

    /** Returns the file or class-path resource that contains the invalid rule. */
    public String file() {
        return file;
    }

    /** Returns the id of the invalid rule, or a position such as {@code rules[3]} when it has none. */
    public String ruleId() {
        return ruleId;
    }

    /** Returns the invalid field, or null when the whole rule or file is invalid. */
    public String field() {
        return field;
    }

    private static String format(String file, String ruleId, String field, String problem) {
        StringBuilder message = new StringBuilder(file);
        if (ruleId != null) {
            message.append(": rule '").append(ruleId).append('\'');
        }
        if (field != null) {
            message.append(": field '").append(field).append('\'');
        }
        return message.append(": ").append(problem).toString();
    }
}

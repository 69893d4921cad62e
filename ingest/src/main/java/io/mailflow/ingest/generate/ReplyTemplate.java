package io.mailflow.ingest.generate;

import io.mailflow.schemas.DeliveryStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One remote reply text of the provider data, parsed once into literal parts and placeholders, with
 * the status and DSN that Postfix derives from it.
 *
 * <p>Postfix's rules, as the templates apply them: a 2xx reply is {@code sent}; 4xx is
 * {@code deferred}; 5xx is {@code bounced}, except at the greeting, where Postfix by default
 * ({@code smtp_skip_5xx_greeting = yes}) tries the next MX and defers. The DSN is the reply's
 * enhanced status code when its class matches the outcome, else {@code X.0.0}.
 */
final class ReplyTemplate {

    private enum Placeholder {
        IP, RCPT, DOMAIN, MX, MESSAGE_ID, EPOCH, ISO, GSMTP, GMAIL_IP, MSID, PFQID, HEX, HEX_UPPER, ALNUM, NUM
    }

    private final ReplyKind kind;
    private final SmtpStage stage;
    private final int replyCode;
    private final String dsn;
    private final DeliveryStatus status;
    private final String[] literals;
    private final Placeholder[] placeholders;
    private final long[] firstArguments;
    private final long[] secondArguments;

    private ReplyTemplate(ReplyKind kind, SmtpStage stage, int replyCode, String dsn, DeliveryStatus status,
            String[] literals, Placeholder[] placeholders, long[] firstArguments, long[] secondArguments) {
        this.kind = kind;
        this.stage = stage;
        this.replyCode = replyCode;
        this.dsn = dsn;
        this.status = status;
        this.literals = literals;
        this.placeholders = placeholders;
        this.firstArguments = firstArguments;
        this.secondArguments = secondArguments;
    }

    /**
     * Parses the value of a {@code reply.KIND} line: an SMTP stage (none for {@code sent}) and the
     * reply text.
     *
     * @param where file and line, for error messages
     * @throws IllegalArgumentException when the stage, reply code or a placeholder is invalid
     */
    static ReplyTemplate parse(ReplyKind kind, String value, String where) {
        SmtpStage stage = SmtpStage.NONE;
        String text = value.trim();
        if (kind != ReplyKind.SENT) {
            int space = text.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException(where + ": reply '" + value + "' has no SMTP stage and text");
            }
            try {
                stage = SmtpStage.valueOf(text.substring(0, space));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": invalid SMTP stage '" + text.substring(0, space)
                        + "'; expected CONNECT, MAIL, RCPT or DATA", e);
            }
            if (stage == SmtpStage.NONE) {
                throw new IllegalArgumentException(where + ": SMTP stage NONE is only for sent replies");
            }
            text = text.substring(space + 1);
        }

        int replyCode = parseReplyCode(text, where);
        DeliveryStatus status = statusOf(replyCode, stage, kind, where);
        String dsn = dsnOf(replyCode, stage, enhancedStatusCode(text));

        List<String> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        List<long[]> arguments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException(where + ": unclosed '{' in reply text");
            }
            long[] placeholderArguments = new long[2];
            placeholders.add(placeholder(text.substring(i + 1, close), placeholderArguments, where));
            arguments.add(placeholderArguments);
            literals.add(literal.toString());
            literal.setLength(0);
            i = close + 1;
        }
        literals.add(literal.toString());

        long[] first = new long[arguments.size()];
        long[] second = new long[arguments.size()];
        for (int p = 0; p < arguments.size(); p++) {
            first[p] = arguments.get(p)[0];
            second[p] = arguments.get(p)[1];
        }
        return new ReplyTemplate(kind, stage, replyCode, dsn, status, literals.toArray(new String[0]),
                placeholders.toArray(new Placeholder[0]), first, second);
    }

    ReplyKind kind() {
        return kind;
    }

    SmtpStage stage() {
        return stage;
    }

    int replyCode() {
        return replyCode;
    }

    String dsn() {
        return dsn;
    }

    DeliveryStatus status() {
        return status;
    }

    /** Appends the reply text with its placeholders filled from {@code context}. */
    void render(StringBuilder out, ReplyContext context) {
        for (int p = 0; p < placeholders.length; p++) {
            out.append(literals[p]);
            renderPlaceholder(out, context, p);
        }
        out.append(literals[placeholders.length]);
    }

    private void renderPlaceholder(StringBuilder out, ReplyContext context, int p) {
        switch (placeholders[p]) {
            case IP -> out.append(context.sendingIp);
            case RCPT -> out.append(context.recipient);
            case DOMAIN -> out.append(context.recipientDomain);
            case MX -> out.append(context.mxHost);
            case MESSAGE_ID -> out.append(context.messageId);
            case EPOCH -> out.append(Math.floorDiv(context.epochMicros, 1_000_000L));
            case ISO -> context.eventTime.appendIsoMillis(out, context.epochMicros);
            case GSMTP -> context.appendGmailTransactionId(out);
            case GMAIL_IP -> context.appendGmailIpTag(out);
            case MSID -> context.appendMicrosoftServer(out);
            case PFQID -> context.appendPostfixQueueId(out);
            case HEX -> context.appendHex(out, (int) firstArguments[p], false);
            case HEX_UPPER -> context.appendHex(out, (int) firstArguments[p], true);
            case ALNUM -> context.appendAlnum(out, (int) firstArguments[p]);
            case NUM -> context.appendNumber(out, firstArguments[p], secondArguments[p]);
        }
    }

    private static Placeholder placeholder(String spec, long[] arguments, String where) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        Placeholder placeholder = switch (name) {
            case "ip" -> Placeholder.IP;
            case "rcpt" -> Placeholder.RCPT;
            case "domain" -> Placeholder.DOMAIN;
            case "mx" -> Placeholder.MX;
            case "message-id" -> Placeholder.MESSAGE_ID;
            case "epoch" -> Placeholder.EPOCH;
            case "iso" -> Placeholder.ISO;
            case "gsmtp" -> Placeholder.GSMTP;
            case "gmail-ip" -> Placeholder.GMAIL_IP;
            case "msid" -> Placeholder.MSID;
            case "pfqid" -> Placeholder.PFQID;
            case "hex" -> Placeholder.HEX;
            case "HEX" -> Placeholder.HEX_UPPER;
            case "alnum" -> Placeholder.ALNUM;
            case "num" -> Placeholder.NUM;
            default -> throw new IllegalArgumentException(where + ": unknown placeholder {" + spec + "}");
        };
        boolean needsArgument = placeholder == Placeholder.HEX || placeholder == Placeholder.HEX_UPPER
                || placeholder == Placeholder.ALNUM || placeholder == Placeholder.NUM;
        if (needsArgument != (argument != null)) {
            throw new IllegalArgumentException(where + ": placeholder {" + spec + "} "
                    + (needsArgument ? "needs an argument, such as {hex:8} or {num:1-99}" : "takes no argument"));
        }
        if (argument == null) {
            return placeholder;
        }
        try {
            if (placeholder == Placeholder.NUM) {
                int dash = argument.indexOf('-');
                arguments[0] = Long.parseLong(argument.substring(0, dash));
                arguments[1] = Long.parseLong(argument.substring(dash + 1));
                if (arguments[1] < arguments[0]) {
                    throw new IllegalArgumentException(where + ": {" + spec + "} has its range reversed");
                }
            } else {
                arguments[0] = Integer.parseInt(argument);
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(where + ": invalid argument in placeholder {" + spec + "}", e);
        }
        return placeholder;
    }

    private static int parseReplyCode(String text, String where) {
        if (text.length() < 4 || !Character.isDigit(text.charAt(0)) || !Character.isDigit(text.charAt(1))
                || !Character.isDigit(text.charAt(2)) || (text.charAt(3) != ' ' && text.charAt(3) != '-')) {
            throw new IllegalArgumentException(where + ": reply text must start with a three-digit SMTP code: " + text);
        }
        int code = Integer.parseInt(text.substring(0, 3));
        if (code < 200 || code >= 600 || (code >= 300 && code < 400)) {
            throw new IllegalArgumentException(where + ": reply code " + code + " is not 2xx, 4xx or 5xx");
        }
        return code;
    }

    private static DeliveryStatus statusOf(int code, SmtpStage stage, ReplyKind kind, String where) {
        if (kind == ReplyKind.SENT) {
            if (code >= 300) {
                throw new IllegalArgumentException(where + ": a sent reply must be 2xx, was " + code);
            }
            return DeliveryStatus.SENT;
        }
        if (code < 400) {
            throw new IllegalArgumentException(where + ": a " + kind.dataName() + " reply must be 4xx or 5xx, was " + code);
        }
        if (stage == SmtpStage.CONNECT || code < 500) {
            return DeliveryStatus.DEFERRED;
        }
        return DeliveryStatus.BOUNCED;
    }

    /** Returns the enhanced status code right after the reply code ({@code 550-5.7.1 ...}), or null. */
    static String enhancedStatusCode(String text) {
        int start = 4;
        int end = start;
        int dots = 0;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '.') {
                dots++;
            } else if (!Character.isDigit(c)) {
                break;
            }
            end++;
        }
        String candidate = text.substring(start, end);
        if (dots != 2 || candidate.startsWith(".") || candidate.endsWith(".") || candidate.contains("..")) {
            return null;
        }
        char reportedClass = candidate.charAt(0);
        return reportedClass == '2' || reportedClass == '4' || reportedClass == '5' ? candidate : null;
    }

    private static String dsnOf(int code, SmtpStage stage, String enhanced) {
        char outcomeClass = code < 300 ? '2' : (stage == SmtpStage.CONNECT || code < 500 ? '4' : '5');
        if (enhanced == null) {
            return outcomeClass + ".0.0";
        }
        if (stage == SmtpStage.CONNECT && code >= 500) {
            return outcomeClass + enhanced.substring(1);
        }
        return enhanced.charAt(0) == outcomeClass ? enhanced : outcomeClass + ".0.0";
    }
}

package io.mailflow.streams.classify;

/** Patterns for SMTP reply codes and RFC 3463 enhanced status codes as rule files write them. */
final class CodePatterns {

    /** Value that stands for "the attempt has no such code". */
    static final int ABSENT = -1;

    private CodePatterns() {
    }

    /**
     * A reply code pattern: {@code 550}, {@code 55x}, {@code 5xx}, a range {@code 421-451}, or
     * {@code none} for an attempt whose status text quotes no reply code.
     */
    record ReplyCodePattern(int low, int high) {

        static ReplyCodePattern parse(String text) {
            String pattern = text.trim().toLowerCase(java.util.Locale.ROOT);
            if (pattern.equals("none")) {
                return new ReplyCodePattern(ABSENT, ABSENT);
            }
            int dash = pattern.indexOf('-');
            if (dash > 0) {
                int low = exactCode(pattern.substring(0, dash), text);
                int high = exactCode(pattern.substring(dash + 1), text);
                if (low > high) {
                    throw new IllegalArgumentException("invalid reply code range '" + text + "': low end above high end");
                }
                return new ReplyCodePattern(low, high);
            }
            if (!pattern.matches("[2-5][0-9x][0-9x]") || (pattern.charAt(1) == 'x' && pattern.charAt(2) != 'x')) {
                throw new IllegalArgumentException("invalid reply code pattern '" + text
                        + "': expected a code such as 550, 55x, 5xx, a range such as 421-451, or none");
            }
            String low = pattern.replace('x', '0');
            String high = pattern.replace('x', '9');
            return new ReplyCodePattern(Integer.parseInt(low), Integer.parseInt(high));
        }

        boolean matches(int replyCode) {
            return replyCode >= low && replyCode <= high;
        }

        private static int exactCode(String part, String text) {
            if (!part.matches("[2-5][0-9][0-9]")) {
                throw new IllegalArgumentException("invalid reply code range '" + text + "': expected two codes such as 421-451");
            }
            return Integer.parseInt(part);
        }
    }

    /**
     * An enhanced status code pattern: exact ({@code 5.7.1}), a prefix ending in a dot ({@code 5.7.},
     * {@code 4.}), {@code x} for any part ({@code x.2.2}, {@code 5.7.x}), a detail range
     * ({@code 4.7.500-699}), or {@code none} for an attempt without such a code. Codes are packed as by
     * {@link ReplyText#packStatusCode(String)}.
     */
    record StatusCodePattern(int classLow, int classHigh, int subjectLow, int subjectHigh,
                             int detailLow, int detailHigh, boolean absent) {

        static StatusCodePattern parse(String text) {
            String pattern = text.trim().toLowerCase(java.util.Locale.ROOT);
            if (pattern.equals("none")) {
                return new StatusCodePattern(0, 0, 0, 0, 0, 0, true);
            }
            String[] parts = pattern.split("\\.", -1);
            boolean exact = parts.length == 3 && !parts[2].isEmpty();
            boolean prefix = (parts.length == 3 || parts.length == 2) && parts[parts.length - 1].isEmpty();
            if (!exact && !prefix) {
                throw invalid(text);
            }
            int[] classRange = switch (parts[0]) {
                case "x" -> new int[] {2, 5};
                case "2", "4", "5" -> new int[] {parts[0].charAt(0) - '0', parts[0].charAt(0) - '0'};
                default -> throw invalid(text);
            };
            int[] subjectRange = parts.length == 3 ? range(parts[1], text) : new int[] {0, 999};
            int[] detailRange = exact ? range(parts[2], text) : new int[] {0, 999};
            return new StatusCodePattern(classRange[0], classRange[1], subjectRange[0], subjectRange[1],
                    detailRange[0], detailRange[1], false);
        }

        boolean matches(int packedCode) {
            if (packedCode < 0) {
                return absent;
            }
            if (absent) {
                return false;
            }
            int codeClass = packedCode / 1_000_000;
            int subject = packedCode / 1_000 % 1_000;
            int detail = packedCode % 1_000;
            return codeClass >= classLow && codeClass <= classHigh
                    && subject >= subjectLow && subject <= subjectHigh
                    && detail >= detailLow && detail <= detailHigh;
        }

        private static int[] range(String part, String text) {
            if (part.equals("x")) {
                return new int[] {0, 999};
            }
            int dash = part.indexOf('-');
            try {
                if (dash > 0) {
                    int low = Integer.parseInt(part.substring(0, dash));
                    int high = Integer.parseInt(part.substring(dash + 1));
                    if (low > high || high > 999) {
                        throw invalid(text);
                    }
                    return new int[] {low, high};
                }
                int value = Integer.parseInt(part);
                if (value < 0 || value > 999) {
                    throw invalid(text);
                }
                return new int[] {value, value};
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }

        private static IllegalArgumentException invalid(String text) {
            return new IllegalArgumentException("invalid enhanced status code pattern '" + text
                    + "': expected a code such as 5.7.1, a prefix such as 5.7., x for any part (x.2.2),"
                    + " a detail range such as 4.7.500-699, or none");
        }
    }
}

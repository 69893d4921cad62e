package io.mailflow.ingest.generate;

import java.util.SplittableRandom;

/**
 * The facts of one delivery attempt that fill the placeholders of a {@link ReplyTemplate}. One
 * instance is reused for every attempt of a run; not thread-safe.
 */
final class ReplyContext {

    private static final String[] MICROSOFT_SERVER_PREFIXES = {
        "BN3PEPF", "AM4PEPF", "DB5PEPF", "CY4PEPF", "SN1PEPF", "DM6NAM11FT", "VI1EUR04FT", "MW2NAM12FT",
    };
    private static final String[] MICROSOFT_SERVER_DOMAINS = {
        ".namprd04.prod.outlook.com", ".eurprd05.prod.outlook.com", ".namprd11.prod.outlook.com",
        ".eop-nam11.prod.protection.outlook.com", ".eop-eur04.prod.protection.outlook.com",
    };
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    final SplittableRandom random;
    final EventTime eventTime;
    String sendingIp;
    String recipient;
    String recipientDomain;
    String mxHost;
    String messageId;
    long epochMicros;

    ReplyContext(SplittableRandom random, EventTime eventTime) {
        this.random = random;
        this.eventTime = eventTime;
    }

    void appendHex(StringBuilder out, int length, boolean upper) {
        char[] digits = upper ? HEX_UPPER : HEX_LOWER;
        for (int i = 0; i < length; i++) {
            out.append(digits[random.nextInt(16)]);
        }
    }

    void appendAlnum(StringBuilder out, int length) {
        for (int i = 0; i < length; i++) {
            out.append(ALNUM[random.nextInt(ALNUM.length)]);
        }
    }

    /** Appends a Gmail transaction id such as {@code d2e1a72fcca58-715e57a0f50si1104d2710b3a.328}. */
    void appendGmailTransactionId(StringBuilder out) {
        appendHex(out, 13, false);
        out.append('-');
        appendHex(out, 11, false);
        out.append("si");
        appendHex(out, 12, false);
        out.append('.').append(1 + random.nextInt(999));
    }

    /**
     * Appends Gmail's tag of the sending IP, {@code [203.0.113.5      12]}: the address, then a count
     * right-aligned in seven columns.
     */
    void appendGmailIpTag(StringBuilder out) {
        out.append('[').append(sendingIp).append(' ');
        int count = 1 + random.nextInt(40);
        for (int pad = count < 10 ? 6 : 5; pad > 0; pad--) {
            out.append(' ');
        }
        out.append(count).append(']');
    }

    /** Appends a Microsoft front-end server name such as {@code BN3PEPF0000B077.namprd04.prod.outlook.com}. */
    void appendMicrosoftServer(StringBuilder out) {
        String prefix = MICROSOFT_SERVER_PREFIXES[random.nextInt(MICROSOFT_SERVER_PREFIXES.length)];
        out.append(prefix);
        if (prefix.endsWith("FT")) {
            out.append(random.nextInt(10)).append(random.nextInt(10)).append(random.nextInt(10));
        } else {
            out.append("0000");
            appendHex(out, 4, true);
        }
        out.append(MICROSOFT_SERVER_DOMAINS[random.nextInt(MICROSOFT_SERVER_DOMAINS.length)]);
    }

    /** Appends a remote Postfix queue id, 10 to 12 upper-case hex digits. */
    void appendPostfixQueueId(StringBuilder out) {
        appendHex(out, 10 + random.nextInt(3), true);
    }

    void appendNumber(StringBuilder out, long low, long high) {
        out.append(low + random.nextLong(high - low + 1));
    }
}

package io.mailflow.streams.parse;

import java.util.Locale;

/** Mail transfer agent that wrote a line. */
public enum Mta {
    POSTFIX,
    SENDMAIL,
    EXIM;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** Lower-case name as it appears in {@code DeliveryEvent.mta}: postfix, sendmail or exim. */
    public String code() {
        return code;
    }
}

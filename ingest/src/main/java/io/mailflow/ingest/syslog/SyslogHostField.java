package io.mailflow.ingest.syslog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the HOSTNAME field of a syslog message, which becomes the record key.
 *
 * <p>Understood headers, each with or without the {@code <PRI>} part:
 * <ul>
 *   <li>RFC 5424: {@code <PRI>VERSION TIMESTAMP HOSTNAME APP-NAME ...}; a nil {@code -} hostname is absent;</li>
 *   <li>RFC 3164: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: ...}, any three-letter month name;</li>
 *   <li>RFC 3164 with an RFC 3339 timestamp, as rsyslog forwards by default: {@code <PRI>2026-06-10T09:28:17.123+02:00 HOSTNAME TAG: ...}.</li>
 * </ul>
 * A word in the hostname place that ends with {@code :} or holds {@code [} is a tag: the sender
 * left the hostname out.
 */
public final class SyslogHostField {

    private static final Pattern PRIORITY = Pattern.compile("^<\\d{1,3}>");
    private static final Pattern RFC5424 = Pattern.compile("^\\d{1,2} \\S+ (\\S+)");
    private static final Pattern RFC3164 = Pattern.compile("^[A-Za-z]{3} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)? (\\S+)");
    private static final Pattern RFC3164_ISO = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+ (\\S+)");

    private SyslogHostField() {
    }

    /** Returns the hostname of {@code message}, or null when the header has none or is not syslog. */
    public static String extract(String message) {
        String rest = message;
        Matcher priority = PRIORITY.matcher(rest);
        if (priority.find()) {
            rest = rest.substring(priority.end());
        }

        Matcher rfc5424 = RFC5424.matcher(rest);
        if (rfc5424.find()) {
            String host = rfc5424.group(1);
            return "-".equals(host) ? null : host;
        }
        for (Pattern rfc3164 : new Pattern[] {RFC3164, RFC3164_ISO}) {
            Matcher matcher = rfc3164.matcher(rest);
            if (matcher.find()) {
                return looksLikeTag(matcher.group(1)) ? null : matcher.group(1);
            }
        }
        return null;
    }

    private static boolean looksLikeTag(String word) {
        return word.endsWith(":") || word.indexOf('[') >= 0;
    }
}

package io.mailflow.streams.classify;

import io.mailflow.schemas.DeliveryStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the delivery attempts of corpus log lines with just enough parsing to feed the classifier
 * and the provider resolver. Not a maillog parser: it reads only {@code to=} lines of Postfix and
 * sendmail and the qmgr expiry line.
 */
final class CorpusAttempts {

    /** One attempt with the inputs of classification and provider resolution. */
    record Attempt(String line, String queueId, String recipient, ReplyFacts facts, ProviderQuery query,
                   boolean expiredWithoutDeferral) {
    }

    private static final Pattern POSTFIX_TO = Pattern.compile(
            "(?:postfix|[\\w.-]+)/(?:[\\w.-]+/)*(?<program>[\\w-]+)\\[\\d+\\]: (?<queue>[0-9A-Za-z]+): to=<(?<rcpt>[^>]*)>,"
                    + ".*?relay=(?<relay>[^,]+),.*?(?:dsn=(?<dsn>[\\d.]+), )?status=(?<status>[A-Za-z]+)(?: \\((?<text>.*)\\))?\\s*$");
    private static final Pattern SENDMAIL_TO = Pattern.compile(
            "sm-mta\\[\\d+\\]: (?<queue>\\w+): to=<?(?<rcpt>[^,>]*)>?,.*?relay=(?<relay>[^,]+),"
                    + "(?:.*?dsn=(?<dsn>[\\d.]+),)?.*?stat=(?<stat>\\w+)(?::\\s*(?<text>.*))?$");
    private static final Pattern QMGR_EXPIRED = Pattern.compile(
            "/qmgr\\[\\d+\\]: (?<queue>[0-9A-Za-z]+): from=<[^>]*>, status=(?:force-)?expired");
    private static final Pattern RELAY = Pattern.compile("(?<host>[^\\[\\s]*)\\.?\\s*\\[(?<ip>[^\\]]*)\\](?::\\d+)?");

    private CorpusAttempts() {
    }

    static List<Attempt> extract(List<String> lines) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, Map<String, Attempt>> latestDeferred = new HashMap<>();

        for (String line : lines) {
            Matcher postfix = POSTFIX_TO.matcher(line);
            Matcher sendmail = SENDMAIL_TO.matcher(line);
            Matcher expired = QMGR_EXPIRED.matcher(line);
            Attempt attempt = null;
            if (line.contains("/cleanup[")) {
                continue;
            }
            if (postfix.find()) {
                attempt = attempt(line, postfix.group("queue"), postfix.group("rcpt"), postfix.group("program"),
                        postfix.group("relay"), postfix.group("dsn"), postfixStatus(postfix.group("status")),
                        postfix.group("text"), "postfix");
            } else if (sendmail.find()) {
                String stat = sendmail.group("stat").toLowerCase(Locale.ROOT);
                DeliveryStatus status = stat.equals("sent") ? DeliveryStatus.SENT
                        : stat.equals("deferred") ? DeliveryStatus.DEFERRED : DeliveryStatus.BOUNCED;
                attempt = attempt(line, sendmail.group("queue"), sendmail.group("rcpt"), "esmtp",
                        sendmail.group("relay"), sendmail.group("dsn"), status, sendmail.group("text"), "sendmail");
            } else if (expired.find()) {
                Map<String, Attempt> deferred = latestDeferred.getOrDefault(expired.group("queue"), Map.of());
                if (deferred.isEmpty()) {
                    attempts.add(new Attempt(line, expired.group("queue"), null, null, null, true));
                }
                for (Attempt last : deferred.values()) {
                    ReplyFacts facts = last.facts();
                    attempts.add(new Attempt(line, last.queueId(), last.recipient(),
                            new ReplyFacts(DeliveryStatus.EXPIRED, facts.dsn(), facts.replyCode(),
                                    facts.enhancedStatusCode(), facts.replyText(), facts.relayHost(),
                                    facts.recipientDomain(), facts.mta()),
                            last.query(), false));
                }
                continue;
            }
            if (attempt == null) {
                continue;
            }
            attempts.add(attempt);
            Map<String, Attempt> byRecipient = latestDeferred.computeIfAbsent(attempt.queueId(), q -> new LinkedHashMap<>());
            if (attempt.facts().status() == DeliveryStatus.DEFERRED) {
                byRecipient.put(attempt.recipient(), attempt);
            } else {
                byRecipient.remove(attempt.recipient());
            }
        }
        return attempts;
    }

    private static Attempt attempt(String line, String queueId, String recipient, String program, String relay,
                                   String dsn, DeliveryStatus status, String text, String mta) {
        String relayHost = null;
        String relayIp = null;
        String relayValue = relay.trim();
        Matcher bracketed = RELAY.matcher(relayValue);
        if (bracketed.matches()) {
            relayHost = bracketed.group("host").isEmpty() ? null : bracketed.group("host");
            if (relayHost != null && relayHost.endsWith(".")) {
                relayHost = relayHost.substring(0, relayHost.length() - 1);
            }
            String ip = bracketed.group("ip");
            relayIp = ip.contains("/") ? null : ip;
        } else if (!relayValue.equals("none")) {
            relayHost = relayValue.endsWith(".") ? relayValue.substring(0, relayValue.length() - 1) : relayValue;
        }

        String domain = recipient.contains("@")
                ? recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)
                : null;
        String statusText = text == null ? "" : text;
        ReplyFacts facts = new ReplyFacts(status, dsn, ReplyText.replyCode(statusText),
                ReplyText.enhancedStatusCode(statusText), statusText, relayHost, domain, mta);
        ProviderQuery query = new ProviderQuery(program, relayHost, relayIp, ReplyText.replyHost(statusText), domain);
        return new Attempt(line, queueId, recipient, facts, query, false);
    }

    private static DeliveryStatus postfixStatus(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "sent" -> DeliveryStatus.SENT;
            case "bounced" -> DeliveryStatus.BOUNCED;
            case "expired" -> DeliveryStatus.EXPIRED;
            default -> DeliveryStatus.DEFERRED;
        };
    }
}

package io.mailflow.streams.correlate;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.Remediation;
import io.mailflow.schemas.SourceCoordinates;

/**
 * Writes a {@link DeliveryEvent} as one JSON object in the corpus shape: snake_case names, every
 * corpus field present (null when unknown), lower-case status, the reply code as a string such as
 * {@code "550"}. Fields beyond the corpus follow: MTA, program, original recipient, enhanced status
 * code, reply text, relay port, delays, size, message id, client host, SASL method, local uid,
 * sending IP and its source, category rule id, remediation and the source line.
 */
public final class DeliveryEventJson {

    private DeliveryEventJson() {
    }

    public static String toCorpusJson(DeliveryEvent e) {
        StringBuilder json = new StringBuilder(512);
        json.append('{');
        string(json, "queue_id", e.getQueueId(), true);
        string(json, "timestamp", e.getTimestamp(), false);
        string(json, "host", e.getHost(), false);
        string(json, "sender", e.getSender(), false);
        string(json, "recipient", e.getRecipient(), false);
        string(json, "recipient_domain", e.getRecipientDomain(), false);
        string(json, "status", e.getStatus() == null ? null : e.getStatus().name().toLowerCase(java.util.Locale.ROOT), false);
        string(json, "dsn", e.getDsn(), false);
        string(json, "relay_host", e.getRelayHost(), false);
        string(json, "relay_ip", e.getRelayIp(), false);
        string(json, "reply_code", e.getReplyCode() == null ? null : e.getReplyCode().toString(), false);
        string(json, "category", e.getCategory(), false);
        string(json, "provider", e.getProvider(), false);
        string(json, "sasl_username", e.getSaslUsername(), false);
        string(json, "client_ip", e.getClientIp(), false);

        string(json, "mta", e.getMta(), false);
        string(json, "program", e.getProgram(), false);
        string(json, "syslog_instance", e.getSyslogInstance(), false);
        number(json, "event_time", e.getEventTime());
        string(json, "original_recipient", e.getOriginalRecipient(), false);
        string(json, "enhanced_status_code", e.getEnhancedStatusCode(), false);
        string(json, "reply_text", e.getReplyText(), false);
        number(json, "relay_port", e.getRelayPort());
        number(json, "delay", e.getDelay());
        string(json, "delays", e.getDelays(), false);
        number(json, "size", e.getSize());
        number(json, "nrcpt", e.getNrcpt());
        string(json, "message_id", e.getMessageId(), false);
        string(json, "client_host", e.getClientHost(), false);
        string(json, "sasl_method", e.getSaslMethod(), false);
        number(json, "local_uid", e.getLocalUid());
        string(json, "sending_ip", e.getSendingIp(), false);
        string(json, "sending_ip_source", e.getSendingIpSource(), false);
        string(json, "reply_sending_ip", e.getReplySendingIp(), false);
        string(json, "tenant", e.getTenant(), false);
        string(json, "category_rule_id", e.getCategoryRuleId(), false);
        remediation(json, e.getRemediation());
        source(json, e.getSource());
        json.append('}');
        return json.toString();
    }

    private static void remediation(StringBuilder json, Remediation remediation) {
        json.append(",\"remediation\":");
        if (remediation == null) {
            json.append("null");
            return;
        }
        json.append('{');
        string(json, "key", remediation.getKey(), true);
        string(json, "next_step", remediation.getNextStep(), false);
        string(json, "url", remediation.getUrl(), false);
        json.append('}');
    }

    private static void source(StringBuilder json, SourceCoordinates source) {
        json.append(",\"source\":");
        if (source == null) {
            json.append("null");
            return;
        }
        json.append('{');
        string(json, "topic", source.getTopic(), true);
        number(json, "partition", source.getPartition());
        number(json, "offset", source.getOffset());
        string(json, "file", source.getFile(), false);
        number(json, "line", source.getLineNumber());
        json.append('}');
    }

    private static void number(StringBuilder json, String name, Number value) {
        json.append(",\"").append(name).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            json.append(value);
        }
    }

    private static void string(StringBuilder json, String name, String value, boolean first) {
        if (!first) {
            json.append(',');
        }
        json.append('"').append(name).append("\":");
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        escape(json, value);
        json.append('"');
    }

    /** Appends {@code value} with JSON string escapes (RFC 8259). */
    static void escape(StringBuilder json, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
    }
}

package io.mailflow.sink.mapping;

import java.util.List;
import java.util.Map;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.SourceCoordinates;

/**
 * Maps one delivery attempt to a document in the daily index {@code mailflow-deliveries-YYYY.MM.DD}
 * of its event time.
 *
 * <p>The id is a hash of host, queue id, recipient, status, event time and the coordinates of the
 * raw log line (topic, partition and offset, or file and line number). The same attempt therefore
 * keeps its id when {@code mailflow.deliveries} is replayed or the topology reprocesses the same raw
 * topic, while two attempts that differ only in their raw line stay two documents.
 * NOTE: a log file shipped to Kafka twice gets new offsets, so its attempts are indexed twice.
 *
 * <p>The sending IP always goes to {@code source.address}, and to {@code source.ip} only when it is
 * an address literal, because the topology puts the host name there when no address is known. Other
 * address fields are passed as they come, so a value that breaks their contract is rejected by
 * Elasticsearch and dead-lettered with its reason instead of being dropped here.
 */
public final class DeliveryEventMapper implements DocumentMapper<DeliveryEvent> {

    static final String DATASET = "mailflow.deliveries";

    @Override
    public List<SinkDocument> map(DeliveryEvent event) {
        String index = IndexNames.daily(IndexNames.DELIVERIES, event.getEventTime());
        return List.of(new SinkDocument(index, id(event), source(event)));
    }

    /** Returns the document id of an attempt; see the class comment for what it covers. */
    public static String id(DeliveryEvent event) {
        SourceCoordinates line = event.getSource();
        return DocumentIds.hashed(
                event.getHost(),
                event.getQueueId(),
                event.getRecipient(),
                event.getStatus(),
                event.getEventTime(),
                line == null ? null : line.getTopic(),
                line == null ? null : line.getPartition(),
                line == null ? null : line.getOffset(),
                line == null ? null : line.getFile(),
                line == null ? null : line.getLineNumber());
    }

    private static Map<String, Object> source(DeliveryEvent event) {
        DocumentBuilder doc = new DocumentBuilder()
                .put("@timestamp", FieldValues.isoInstant(event.getEventTime()))
                .put("event.kind", "event")
                .put("event.category", List.of("email"))
                .put("event.type", List.of("info"))
                .put("event.dataset", DATASET)
                .put("event.outcome", outcome(event.getStatus()))
                .put("event.reason", event.getReplyText())
                .put("host.name", event.getHost())
                .put("log.syslog.appname", event.getProgram())
                .put("source.address", event.getSendingIp())
                .put("source.ip", FieldValues.ipAddressOrNull(event.getSendingIp()))
                .put("destination.domain", event.getRelayHost())
                .put("destination.ip", event.getRelayIp())
                .put("destination.port", event.getRelayPort())
                .put("email.from.address", event.getSender())
                .put("email.to.address", event.getRecipient())
                .put("email.message_id", event.getMessageId());

        doc.put("mailflow.queue_id", event.getQueueId())
                .put("mailflow.status", FieldValues.lowerCase(event.getStatus()))
                .put("mailflow.dsn", event.getDsn())
                .put("mailflow.reply_code", event.getReplyCode())
                .put("mailflow.enhanced_status_code", event.getEnhancedStatusCode())
                .put("mailflow.category", event.getCategory())
                .put("mailflow.category_rule_id", event.getCategoryRuleId())
                .put("mailflow.provider", event.getProvider())
                .put("mailflow.recipient_domain", event.getRecipientDomain())
                .put("mailflow.original_recipient", event.getOriginalRecipient())
                .put("mailflow.sending_ip_source", event.getSendingIpSource())
                .put("mailflow.reply_sending_ip", event.getReplySendingIp())
                .put("mailflow.tenant", event.getTenant())
                .put("mailflow.mta", event.getMta())
                .put("mailflow.syslog_instance", event.getSyslogInstance())
                .put("mailflow.log_timestamp", event.getTimestamp())
                .put("mailflow.size", event.getSize())
                .put("mailflow.nrcpt", event.getNrcpt())
                .put("mailflow.delay", FieldValues.finiteOrNull(event.getDelay()))
                .put("mailflow.delays", event.getDelays())
                .put("mailflow.sasl_username", event.getSaslUsername())
                .put("mailflow.sasl_method", event.getSaslMethod())
                .put("mailflow.client_host", event.getClientHost())
                .put("mailflow.client_ip", event.getClientIp())
                .put("mailflow.local_uid", event.getLocalUid());
        Remediations.put(doc, event.getRemediation());
        putSourceCoordinates(doc, event.getSource());
        return doc.build();
    }

    /** ECS allows success, failure and unknown; a deferral is a failed attempt even if a later one succeeds. */
    static String outcome(DeliveryStatus status) {
        return status == DeliveryStatus.SENT ? "success" : "failure";
    }

    private static void putSourceCoordinates(DocumentBuilder doc, SourceCoordinates line) {
        if (line == null) {
            return;
        }
        doc.put("mailflow.source.topic", line.getTopic())
                .put("mailflow.source.partition", line.getPartition())
                .put("mailflow.source.offset", line.getOffset())
                .put("mailflow.source.file", line.getFile())
                .put("mailflow.source.line_number", line.getLineNumber());
    }
}

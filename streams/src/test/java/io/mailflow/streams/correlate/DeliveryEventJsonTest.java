package io.mailflow.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;

class DeliveryEventJsonTest {

    private static final List<String> CORPUS_FIELDS = List.of("queue_id", "timestamp", "host", "sender", "recipient",
            "recipient_domain", "status", "dsn", "relay_host", "relay_ip", "reply_code", "category", "provider",
            "sasl_username", "client_ip");

    @Test
    void writesCorpusFieldsFirstWithStringReplyCode() throws Exception {
        DeliveryEvent event = DeliveryEvent.newBuilder()
                .setTimestamp("2026-06-10T09:31:23Z")
                .setEventTime(1L)
                .setStatus(DeliveryStatus.BOUNCED)
                .setReplyCode(550)
                .setReplyText("said: \"no\"\tback\\slash\u0001")
                .build();

        String json = DeliveryEventJson.toCorpusJson(event);
        JsonNode node = new ObjectMapper().readTree(json);

        assertThat(node.get("status").asText()).isEqualTo("bounced");
        assertThat(node.get("reply_code").isTextual()).isTrue();
        assertThat(node.get("reply_code").asText()).isEqualTo("550");
        assertThat(node.get("reply_text").asText()).isEqualTo("said: \"no\"\tback\\slash\u0001");
        assertThat(node.get("queue_id").isNull()).isTrue();
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names.subList(0, CORPUS_FIELDS.size())).isEqualTo(CORPUS_FIELDS);
    }
}

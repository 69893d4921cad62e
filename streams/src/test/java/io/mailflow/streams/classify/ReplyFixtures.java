package io.mailflow.streams.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailflow.schemas.DeliveryStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cases of {@code reply-fixtures.yaml}: status texts with their expected rule and category. */
final class ReplyFixtures {

    /** One status text with the rule, category and sending IP it must get. */
    record Case(String rule, String category, String ip, ReplyFacts facts) {

        @Override
        public String toString() {
            return rule + ": " + facts.replyText();
        }
    }

    private ReplyFixtures() {
    }

    static List<Case> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = ReplyFixtures.class.getResourceAsStream("reply-fixtures.yaml")) {
            JsonNode root = yaml.readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode node : root.get("cases")) {
                cases.add(new Case(node.get("rule").asText(), node.get("category").asText(),
                        text(node, "ip"), facts(node)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the facts of a case the way the parser would: codes from the text, dsn from the line. */
    static ReplyFacts facts(JsonNode node) {
        String replyText = node.get("text").asText();
        Integer replyCode = ReplyText.replyCode(replyText);
        String enhanced = ReplyText.enhancedStatusCode(replyText);

        DeliveryStatus status;
        if (text(node, "status") != null) {
            status = DeliveryStatus.valueOf(text(node, "status").toUpperCase(Locale.ROOT));
        } else {
            status = replyCode != null && replyCode >= 500 ? DeliveryStatus.BOUNCED : DeliveryStatus.DEFERRED;
        }
        String dsn = text(node, "dsn");
        if (dsn == null && enhanced != null) {
            dsn = enhanced;
        } else if (dsn == null) {
            dsn = status == DeliveryStatus.BOUNCED ? "5.0.0" : "4.0.0";
        }
        String mta = text(node, "mta") == null ? "postfix" : text(node, "mta");
        return new ReplyFacts(status, dsn, replyCode, enhanced, replyText, text(node, "relayHost"),
                text(node, "domain"), mta);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package io.mailflow.ingest.generate;

import io.mailflow.schemas.HostInventoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON forms of a run's ground truth: the manifest of injected incidents and the host inventory as
 * JSON lines. Field names are camelCase like the Avro records; times are ISO-8601 instants.
 */
public final class GroundTruthJson {

    private GroundTruthJson() {
    }

    /** Returns the manifest of a finished run: its settings, what it wrote, the incidents, noise episodes and clean periods. */
    public static String manifest(GeneratorSettings settings, GenerationSummary summary) {
        JsonWriter json = new JsonWriter();
        json.beginObject();
        json.field("seed").value(settings.seed());
        json.field("start").value(settings.start());
        json.field("end").value(settings.end());
        json.field("messagesPerSecond").value(settings.messagesPerSecond());
        json.field("hosts").value(settings.hosts());
        json.field("timestamps").value(settings.isoTimestamps() ? "rfc3339" : "rfc3164");
        json.field("queueIds").value(settings.longQueueIds() ? "long" : "short");
        json.field("lines").value(summary.lines());
        json.field("messagesSubmitted").value(summary.messagesSubmitted());
        json.field("spamMessages").value(summary.spamMessages());
        json.field("notifications").value(summary.notifications());
        json.field("attemptsSent").value(summary.attemptsSent());
        json.field("attemptsDeferred").value(summary.attemptsDeferred());
        json.field("attemptsBounced").value(summary.attemptsBounced());
        json.field("messagesExpired").value(summary.messagesExpired());
        json.field("firstEventTime").value(summary.firstEventTime());
        json.field("lastEventTime").value(summary.lastEventTime());
        json.field("stoppedByLineLimit").value(summary.stoppedByLineLimit());

        json.field("incidents").beginArray();
        for (Incident incident : summary.incidents()) {
            writeIncident(json, incident);
        }
        json.endArray();

        json.field("noiseEpisodes").beginArray();
        for (NoiseEpisode episode : summary.noiseEpisodes()) {
            json.beginObject();
            json.field("id").value(episode.id());
            json.field("provider").value(episode.provider());
            json.field("recipientDomains").strings(episode.recipientDomains());
            json.field("category").value(episode.category());
            json.field("expectAlert").value(false);
            json.field("start").value(episode.start());
            json.field("end").value(episode.end());
            json.field("summary").value(episode.summary());
            json.endObject();
        }
        json.endArray();

        json.field("cleanPeriods").beginArray();
        for (TimeWindow window : summary.cleanPeriods()) {
            json.beginObject();
            json.field("start").value(window.start());
            json.field("end").value(window.end());
            json.endObject();
        }
        json.endArray();
        json.endObject();
        return json.toString();
    }

    /** Returns one inventory entry as a single-line JSON object. */
    public static String inventoryLine(HostInventoryEntry entry) {
        JsonWriter json = new JsonWriter();
        json.beginObject();
        json.field("host").value(entry.getHost());
        json.field("instance").value(entry.getInstance());
        json.field("sendingIps").strings(entry.getSendingIps());
        json.field("tenant").value(entry.getTenant());
        json.field("labels").beginObject();
        for (Map.Entry<String, String> label : new TreeMap<>(entry.getLabels()).entrySet()) {
            json.field(label.getKey()).value(label.getValue());
        }
        json.endObject();
        json.endObject();
        return json.toString();
    }

    private static void writeIncident(JsonWriter json, Incident incident) {
        json.beginObject();
        json.field("id").value(incident.id());
        json.field("alertType").value(incident.alertType().name());
        json.field("host").value(incident.host());
        json.field("tenant").value(incident.tenant());
        json.field("sendingIp").value(incident.sendingIp());
        json.field("provider").value(incident.provider());
        json.field("deliveryKey").value(incident.deliveryKey());
        json.field("recipientDomains").strings(incident.recipientDomains());
        json.field("category").value(incident.category());
        json.field("saslUsername").value(incident.saslUsername());
        json.field("start").value(incident.start());
        json.field("end").value(incident.end());
        json.field("escalation").value(incident.escalation());
        json.field("summary").value(incident.summary());
        json.endObject();
    }

    /** A minimal streaming JSON writer: commas and escaping are its only jobs. */
    private static final class JsonWriter {
        private final StringBuilder out = new StringBuilder(1024);
        private boolean needsComma;

        JsonWriter beginObject() {
            separate();
            out.append('{');
            needsComma = false;
            return this;
        }

        JsonWriter endObject() {
            out.append('}');
            needsComma = true;
            return this;
        }

        JsonWriter beginArray() {
            separate();
            out.append('[');
            needsComma = false;
            return this;
        }

        JsonWriter endArray() {
            out.append(']');
            needsComma = true;
            return this;
        }

        JsonWriter field(String name) {
            separate();
            string(name);
            out.append(':');
            needsComma = false;
            return this;
        }

        JsonWriter value(String text) {
            separate();
            if (text == null) {
                out.append("null");
            } else {
                string(text);
            }
            needsComma = true;
            return this;
        }

        JsonWriter value(Instant instant) {
            return value(instant == null ? null : instant.toString());
        }

        JsonWriter value(long number) {
            separate();
            out.append(number);
            needsComma = true;
            return this;
        }

        JsonWriter value(double number) {
            separate();
            out.append(number);
            needsComma = true;
            return this;
        }

        JsonWriter value(boolean flag) {
            separate();
            out.append(flag);
            needsComma = true;
            return this;
        }

        JsonWriter strings(List<String> values) {
            beginArray();
            values.forEach(this::value);
            return endArray();
        }

        private void separate() {
            if (needsComma) {
                out.append(',');
            }
        }

        private void string(String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append("\\u00");
                            out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}

package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaSmokeTest {
    @Test
    void smoke() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("t", 2);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("t", "k", "v")).get();
            }
            kafka.stop();
            kafka.restart();
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("t"));
                int n = 0;
                long end = System.currentTimeMillis() + 20000;
                while (n < 1 && System.currentTimeMillis() < end) {
                    ConsumerRecords<String, String> r = c.poll(Duration.ofMillis(200));
                    n += r.count();
                }
                assertThat(n).isEqualTo(1);
            }
        }
    }
}

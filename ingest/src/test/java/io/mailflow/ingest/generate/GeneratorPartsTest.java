package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratorPartsTest {

    @Test
    void queueIdsStayUniqueOverAMillionMessages() {
        QueueIdAllocator allocator = new QueueIdAllocator(false, new SplittableRandom(1));
        Set<String> seen = new HashSet<>();

        for (long i = 0; i < 1_000_000; i++) {
            String id = allocator.next(1_781_078_400_000_000L + i * 37);
            if (!seen.add(id)) {
                throw new AssertionError("queue id repeated: " + id);
            }
        }

        assertThat(seen).allMatch(id -> id.length() >= 10 && id.length() <= 12);
    }

    @Test
    void lifeQueueOrdersByTimeThenSequence() {
        LifeQueue queue = new LifeQueue();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 5_000; i++) {
            MessageLife life = new MessageLife(null, "Q" + i, null, "", "", 0, 0, new Recipient[0], 0, false, null, null);
            life.nextMicros = random.nextInt(500);
            life.sequence = i;
            queue.add(life);
        }

        List<MessageLife> order = new ArrayList<>();
        for (MessageLife life = queue.poll(); life != null; life = queue.poll()) {
            order.add(life);
        }

        assertThat(order).hasSize(5_000);
        for (int i = 1; i < order.size(); i++) {
            MessageLife before = order.get(i - 1);
            MessageLife after = order.get(i);
            assertThat(before.nextMicros < after.nextMicros
                    || (before.nextMicros == after.nextMicros && before.sequence < after.sequence)).isTrue();
        }
    }

    @Test
    void asciiWriterHandlesLongAndNonAsciiLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longLine = "x".repeat(200_000);

        try (AsciiLineWriter writer = new AsciiLineWriter(out)) {
            writer.accept(new StringBuilder("short"), "h");
            writer.accept(longLine, "h");
            writer.accept("caf\u00e9", "h");
            assertThat(writer.lines()).isEqualTo(3);
        }

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("short\n" + longLine + "\ncaf?\n");
    }
}

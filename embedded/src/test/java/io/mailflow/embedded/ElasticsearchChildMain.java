package io.mailflow.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a {@link LocalElasticsearch} in a JVM of its own for {@link ParentDeathTest}, prints the
 * Elasticsearch server pid and then waits until it is killed.
 *
 * <p>Usage: {@code ElasticsearchChildMain NODE_FOLDER}.
 */
public final class ElasticsearchChildMain {

    static final String PID_PREFIX = "ELASTICSEARCH_PID=";

    private ElasticsearchChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: ElasticsearchChildMain NODE_FOLDER");
        }
        LocalElasticsearch elasticsearch = LocalElasticsearch.builder()
                .dataDir(Path.of(args[0]))
                .heapMb(256)
                .start();

        // Standard output is how this JVM tells the test which process to watch.
        System.out.println(PID_PREFIX + elasticsearch.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

package io.mailflow.app.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Command-line settings that give one test its own topics, Streams application id and sink group on
 * the Kafka broker that all tests of the run share.
 */
final class IsolatedTopics {

    private static final List<String> TOPIC_KEYS = List.of("topic.maillog-raw", "topic.maillog-rejected",
            "topic.inventory-hosts", "topic.providers", "topic.deliveries", "topic.stats-ip-provider",
            "topic.stats-sender", "topic.alerts", "topic.sink-rejected");

    private IsolatedTopics() {
    }

    /** Returns {@code --set} arguments that prefix every topic and group with {@code prefix}. */
    static List<String> arguments(String prefix) {
        List<String> arguments = new ArrayList<>();
        for (String key : TOPIC_KEYS) {
            arguments.add("--set");
            arguments.add(key + "=" + prefix + "." + key.substring("topic.".length()));
        }
        arguments.addAll(List.of("--set", "streams.application-id=" + prefix, "--set", "sink.group-id=" + prefix + "-sink"));
        return arguments;
    }

    static String rawTopic(String prefix) {
        return prefix + ".maillog-raw";
    }
}

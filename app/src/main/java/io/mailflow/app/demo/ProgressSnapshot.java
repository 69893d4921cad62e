package io.mailflow.app.demo;

/**
 * Counts of one moment of a demo or replay run.
 *
 * @param linesShipped raw lines the shipper has sent to Kafka
 * @param linesTotal raw lines of the input, or -1 while unknown
 * @param linesProcessed raw lines the streams application has consumed and committed
 * @param deliveriesIndexed delivery documents searchable in Elasticsearch
 * @param windowsIndexed window aggregate documents searchable in Elasticsearch
 * @param alertsIndexed incident documents searchable in Elasticsearch
 */
public record ProgressSnapshot(long linesShipped, long linesTotal, long linesProcessed, long deliveriesIndexed,
        long windowsIndexed, long alertsIndexed) {

    public static final ProgressSnapshot NONE = new ProgressSnapshot(0, -1, 0, 0, 0, 0);
}

/**
 * Seeded, reproducible Postfix maillog traffic of a fleet of sending hosts, with baseline noise,
 * injected incidents and their ground truth.
 *
 * <p>Entry points: {@link io.mailflow.ingest.generate.GeneratorSettings} to describe a run,
 * {@link io.mailflow.ingest.generate.TrafficGenerator} to write its lines to a
 * {@link io.mailflow.ingest.generate.LineSink} (such as
 * {@link io.mailflow.ingest.generate.AsciiLineWriter}), and
 * {@link io.mailflow.ingest.generate.GroundTruthJson} for the manifest and inventory files.
 *
 * <p>The receiving side is data: {@code providers.conf} lists each provider profile with its share
 * of recipients, domains, MX hosts and addresses, latency, baseline greylisting, timeouts and
 * outages, and its reply texts by kind. {@code fleet.conf} contains the tenants and the words that
 * mailbox names are made of. Changing either file changes the output of every seed.
 *
 * <p>How a run works: submissions arrive as a Poisson process; each message becomes a life of
 * steps (smtpd or pickup, cleanup, qmgr, one delivery round per queue run, bounce notification,
 * removal) that a min-heap orders by event time, so all hosts' lines come out in order. Each
 * delivery round is planned when its qmgr line is written, which is when incidents, the
 * greylisting storm, suspended destinations and each recipient's fate decide the replies.
 */
package io.mailflow.ingest.generate;

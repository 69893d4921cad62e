package io.mailflow.ingest.generate;

/**
 * One MX host of a recipient domain with its addresses.
 *
 * @param preference MX preference, lower tried first
 * @param name host name as Postfix logs it in {@code relay=name[ip]:25}
 * @param addresses IPv4 addresses of the host
 */
record MxHost(int preference, String name, String[] addresses) {
}

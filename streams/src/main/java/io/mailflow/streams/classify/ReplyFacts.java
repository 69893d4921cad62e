package io.mailflow.streams.classify;

import io.mailflow.schemas.DeliveryStatus;

/**
 * Facts about one delivery attempt that {@link ReplyClassifier} reads.
 *
 * @param status             outcome of the attempt
 * @param dsn                the {@code dsn=} value such as {@code 4.7.0}, or null
 * @param replyCode          three-digit SMTP reply code quoted in the status text, or null; derived
 *                           from the text when null
 * @param enhancedStatusCode RFC 3463 code quoted in the reply text such as {@code 5.7.1}, or null;
 *                           derived from the text when null
 * @param replyText          the whole status text inside the parentheses after {@code status=}
 * @param relayHost          relay host name, or null
 * @param recipientDomain    lower-case recipient domain, or null
 * @param mta                {@code postfix}, {@code sendmail} or {@code exim}
 */
public record ReplyFacts(
        DeliveryStatus status,
        String dsn,
        Integer replyCode,
        String enhancedStatusCode,
        String replyText,
        String relayHost,
        String recipientDomain,
        String mta) {
}

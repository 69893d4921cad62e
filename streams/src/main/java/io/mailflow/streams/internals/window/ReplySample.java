package io.mailflow.streams.internals.window;

import io.mailflow.schemas.Remediation;
import io.mailflow.schemas.SampleReply;

/**
 * One distinct non-successful reply in a window aggregate, with how often it came; mutable state.
 * Replies are the same when category, reply code and enhanced status code are; the text and time
 * are those of the first one.
 */
public final class ReplySample {

    /** Longest reply text kept, in characters, as in {@link SampleReply#getText()}. */
    static final int MAX_TEXT_LENGTH = 1000;

    String category;
    Integer replyCode;
    String enhancedStatusCode;
    String text;
    String recipientDomain;
    long eventTime;
    long count;
    String remediationKey;
    String remediationNextStep;
    String remediationUrl;

    ReplySample() {
    }

    static ReplySample first(String category, Integer replyCode, String enhancedStatusCode, String text,
            String recipientDomain, long eventTime, Remediation remediation) {
        ReplySample sample = new ReplySample();
        sample.category = category;
        sample.replyCode = replyCode;
        sample.enhancedStatusCode = enhancedStatusCode;
        sample.text = text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text;
        sample.recipientDomain = recipientDomain;
        sample.eventTime = eventTime;
        sample.count = 1;
        if (remediation != null) {
            sample.remediationKey = remediation.getKey();
            sample.remediationNextStep = remediation.getNextStep();
            sample.remediationUrl = remediation.getUrl();
        }
        return sample;
    }

    boolean sameReply(String otherCategory, Integer otherReplyCode, String otherEnhancedStatusCode) {
        return java.util.Objects.equals(category, otherCategory)
                && java.util.Objects.equals(replyCode, otherReplyCode)
                && java.util.Objects.equals(enhancedStatusCode, otherEnhancedStatusCode);
    }

    public String category() {
        return category;
    }

    public Integer replyCode() {
        return replyCode;
    }

    public long count() {
        return count;
    }

    public long eventTime() {
        return eventTime;
    }

    /** The operator hint that came with this reply, or null. */
    public Remediation remediation() {
        if (remediationKey == null) {
            return null;
        }
        return Remediation.newBuilder()
                .setKey(remediationKey)
                .setNextStep(remediationNextStep)
                .setUrl(remediationUrl)
                .build();
    }

    /** The Avro form for aggregates and alerts. */
    public SampleReply toSampleReply() {
        return SampleReply.newBuilder()
                .setCategory(category)
                .setReplyCode(replyCode)
                .setEnhancedStatusCode(enhancedStatusCode)
                .setText(text)
                .setRecipientDomain(recipientDomain)
                .setEventTime(eventTime)
                .setCount(count)
                .build();
    }
}

package io.mailflow.streams.classify;

import io.mailflow.schemas.DeliveryStatus;
import java.util.Locale;

/** The facts of one attempt prepared once for matching: codes parsed, text normalised. */
final class ReplyInput {

    final DeliveryStatus status;
    /** The status text as logged. */
    final String rawText;
    /** The normalised status text without remote host names, which keyword and regex rules match. */
    final String text;
    final int replyCode;
    final int enhancedCode;
    final int dsn;
    final String relayHost;
    final String recipientDomain;
    final String mta;

    private final ProviderResolver providers;
    private String provider;

    ReplyInput(ReplyFacts facts, ProviderResolver providers) {
        this.providers = providers;
        this.status = facts.status();
        this.rawText = facts.replyText() == null ? "" : facts.replyText();
        this.text = ReplyAddresses.withoutPeerHostNames(ReplyText.normalize(rawText));

        Integer code = facts.replyCode() != null ? facts.replyCode() : ReplyText.replyCode(rawText);
        this.replyCode = code == null ? CodePatterns.ABSENT : code;
        String enhanced = facts.enhancedStatusCode() != null
                ? facts.enhancedStatusCode()
                : ReplyText.enhancedStatusCode(rawText);
        this.enhancedCode = ReplyText.packStatusCode(enhanced);
        this.dsn = ReplyText.packStatusCode(facts.dsn());

        this.relayHost = lowerCase(facts.relayHost());
        this.recipientDomain = lowerCase(facts.recipientDomain());
        this.mta = lowerCase(facts.mta());
    }

    /** Returns the provider of the receiving MX, resolved on first use. */
    String provider() {
        if (provider == null) {
            String relay = "none".equals(relayHost) ? null : relayHost;
            provider = providers.resolve(new ProviderQuery(null, relay, null, ReplyText.replyHost(rawText), recipientDomain));
        }
        return provider;
    }

    private static String lowerCase(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}

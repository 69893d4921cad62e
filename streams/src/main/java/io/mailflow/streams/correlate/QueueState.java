package io.mailflow.streams.correlate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mailflow.schemas.DeliveryEvent;

/**
 * The correlator's facts about one (host, queue id): the origin facts that every later attempt
 * carries, the latest per-MX reply, the latest deferral of each recipient (for expiry events), the
 * attempts held until the sender is known, and the event time of the latest line for time-to-live
 * eviction. Mutable and not thread-safe; the correlator reads, changes and puts it back.
 */
public final class QueueState {

    private String sender;
    private String pickupSender;
    private Integer localUid;
    private String clientHost;
    private String clientIp;
    private String saslMethod;
    private String saslUsername;
    private Long size;
    private Integer nrcpt;
    private String messageId;

    private String mxReplyText;
    private String mxReplyHost;
    private String mxReplyIp;
    private Integer mxReplyCode;

    private final LinkedHashMap<String, DeliveryEvent> deferredRecipients = new LinkedHashMap<>();
    private final ArrayList<HeldAttempt> held = new ArrayList<>(0);
    private long lastUpdated;

    /** Envelope sender from the qmgr, sendmail or Exim sender line; "" for the null sender; null until seen. */
    public String sender() {
        return sender;
    }

    void sender(String value) {
        this.sender = value;
    }

    /** Sender from the pickup line, used when no qmgr line names one. */
    public String pickupSender() {
        return pickupSender;
    }

    void pickupSender(String value) {
        this.pickupSender = value;
    }

    public Integer localUid() {
        return localUid;
    }

    void localUid(Integer value) {
        this.localUid = value;
    }

    public String clientHost() {
        return clientHost;
    }

    public String clientIp() {
        return clientIp;
    }

    void client(String host, String ip) {
        this.clientHost = host;
        this.clientIp = ip;
    }

    public String saslMethod() {
        return saslMethod;
    }

    public String saslUsername() {
        return saslUsername;
    }

    void sasl(String method, String username) {
        this.saslMethod = method;
        this.saslUsername = username;
    }

    public Long size() {
        return size;
    }

    void size(Long value) {
        this.size = value;
    }

    public Integer nrcpt() {
        return nrcpt;
    }

    void nrcpt(Integer value) {
        this.nrcpt = value;
    }

    public String messageId() {
        return messageId;
    }

    void messageId(String value) {
        this.messageId = value;
    }

    /** Text of the latest per-MX line ({@code host X said: ...}), or null. */
    public String mxReplyText() {
        return mxReplyText;
    }

    public String mxReplyHost() {
        return mxReplyHost;
    }

    public String mxReplyIp() {
        return mxReplyIp;
    }

    public Integer mxReplyCode() {
        return mxReplyCode;
    }

    void mxReply(String text, String host, String ip, Integer code) {
        this.mxReplyText = text;
        this.mxReplyHost = host;
        this.mxReplyIp = ip;
        this.mxReplyCode = code;
    }

    /** Latest attempt of each recipient whose latest attempt was a deferral, in first-seen order. */
    public Map<String, DeliveryEvent> deferredRecipients() {
        return Collections.unmodifiableMap(deferredRecipients);
    }

    LinkedHashMap<String, DeliveryEvent> mutableDeferredRecipients() {
        return deferredRecipients;
    }

    /** Attempts held until the sender is known, in line order. */
    public List<HeldAttempt> held() {
        return Collections.unmodifiableList(held);
    }

    ArrayList<HeldAttempt> mutableHeld() {
        return held;
    }

    /** Event time in epoch milliseconds of the latest line of this queue id. */
    public long lastUpdated() {
        return lastUpdated;
    }

    void lastUpdated(long value) {
        this.lastUpdated = value;
    }
}

package io.mailflow.ingest.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One message in a host's queue from submission to removal, with the lines it has yet to write.
 * The generator's queue orders lives by {@link #nextMicros} and then {@link #sequence}, so ties are
 * broken the same way in every run.
 */
final class MessageLife {

    final FleetHost host;
    final String queueId;
    /** Submitter of the message; null for a bounce notification. */
    final SenderIdentity origin;
    /** Envelope sender; empty for the null sender of a bounce notification. */
    final String sender;
    final String messageId;
    final int size;
    final int ipIndex;
    final Recipient[] recipients;
    final long arrivalMicros;
    final boolean spam;
    final String clientHost;
    final String clientIp;

    /** Pid of the smtpd process that received the message; 0 for pickup and notifications. */
    int sessionPid;
    int round;
    boolean bouncedThisRound;
    private final List<Step> steps = new ArrayList<>(8);
    private int cursor;
    long nextMicros;
    long sequence;

    MessageLife(FleetHost host, String queueId, SenderIdentity origin, String sender, String messageId, int size,
            int ipIndex, Recipient[] recipients, long arrivalMicros, boolean spam, String clientHost, String clientIp) {
        this.host = host;
        this.queueId = queueId;
        this.origin = origin;
        this.sender = sender;
        this.messageId = messageId;
        this.size = size;
        this.ipIndex = ipIndex;
        this.recipients = recipients;
        this.arrivalMicros = arrivalMicros;
        this.spam = spam;
        this.clientHost = clientHost;
        this.clientIp = clientIp;
    }

    boolean isNotification() {
        return origin == null;
    }

    int pendingRecipients() {
        int pending = 0;
        for (Recipient recipient : recipients) {
            if (!recipient.done) {
                pending++;
            }
        }
        return pending;
    }

    /** Adds a step, keeping pending steps in time order; equal times keep insertion order. */
    void add(Step step) {
        int position = steps.size();
        while (position > cursor && steps.get(position - 1).timeMicros > step.timeMicros) {
            position--;
        }
        steps.add(position, step);
    }

    boolean hasSteps() {
        return cursor < steps.size();
    }

    Step peek() {
        return steps.get(cursor);
    }

    Step take() {
        Step step = steps.get(cursor++);
        if (cursor == steps.size()) {
            steps.clear();
            cursor = 0;
        }
        return step;
    }

    /** Time of the last pending step, or {@code fallback} when none is pending. */
    long lastStepMicros(long fallback) {
        return hasSteps() ? steps.get(steps.size() - 1).timeMicros : fallback;
    }
}

package io.mailflow.streams.internals.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.Remediation;
import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.streams.internals.window.ReplySample;

/**
 * An incident between its OPEN and RESOLVE events; mutable state kept in the alert store of a
 * detector until it resolves.
 */
final class OpenAlert {

    String alertId;
    AlertType type;
    String key;
    String sendingIp;
    String provider;
    String host;
    SenderIdentityType identityType;
    String identity;
    String tenant;
    long windowSizeMs;
    long openedWindowStart;
    long firstSeen;
    long lastSeen;
    AlertSeverity severity;
    String category;
    double rate;
    double baseline;
    String detail;

    /** Totals of the incident's windows that have closed. */
    long closedAttempts;
    long closedMatching;

    /** Evidence of the incident's windows that are still open, by window start. */
    TreeMap<Long, WindowEvidence> openWindows = new TreeMap<>();

    /** End of the latest window whose evidence kept the incident active. */
    long lastActiveWindowEnd;

    long lastEmittedAt;
    long lastEmittedMatching;
    double lastEmittedRate;
    AlertSeverity lastEmittedSeverity;

    List<ReplySample> samples = new ArrayList<>();
    String remediationKey;
    String remediationNextStep;
    String remediationUrl;

    OpenAlert() {
    }

    AlertSubject subject() {
        return new AlertSubject(key, sendingIp, provider, host, identityType, identity, tenant);
    }

    long attempts() {
        return closedAttempts + openWindows.values().stream().mapToLong(evidence -> evidence.attempts).sum();
    }

    long matching() {
        return closedMatching + openWindows.values().stream().mapToLong(evidence -> evidence.matching).sum();
    }

    void setRemediation(Remediation remediation) {
        if (remediation == null) {
            return;
        }
        remediationKey = remediation.getKey();
        remediationNextStep = remediation.getNextStep();
        remediationUrl = remediation.getUrl();
    }

    Remediation remediation() {
        if (remediationKey == null) {
            return null;
        }
        return Remediation.newBuilder()
                .setKey(remediationKey)
                .setNextStep(remediationNextStep)
                .setUrl(remediationUrl)
                .build();
    }
}

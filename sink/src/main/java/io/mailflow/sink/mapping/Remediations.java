package io.mailflow.sink.mapping;

import io.mailflow.schemas.Remediation;

/** Writes a remediation hint under {@code mailflow.remediation}, the same way in every index. */
final class Remediations {

    private Remediations() {
    }

    static void put(DocumentBuilder doc, Remediation remediation) {
        if (remediation == null) {
            return;
        }
        doc.put("mailflow.remediation.key", remediation.getKey())
                .put("mailflow.remediation.next_step", remediation.getNextStep())
                .put("mailflow.remediation.url", remediation.getUrl());
    }
}

package io.mailflow.sink.mapping;

import java.util.ArrayList;
import java.util.List;

import io.mailflow.schemas.SampleReply;

/** Writes sample replies under {@code mailflow.sample_replies}, the same way for statistics and alerts. */
final class SampleReplies {

    private SampleReplies() {
    }

    static void put(DocumentBuilder doc, List<SampleReply> replies) {
        List<DocumentBuilder> objects = new ArrayList<>();
        for (SampleReply reply : replies) {
            objects.add(new DocumentBuilder()
                    .put("category", reply.getCategory())
                    .put("reply_code", reply.getReplyCode())
                    .put("enhanced_status_code", reply.getEnhancedStatusCode())
                    .put("text", reply.getText())
                    .put("recipient_domain", reply.getRecipientDomain())
                    .put("event_time", FieldValues.isoInstant(reply.getEventTime()))
                    .put("count", reply.getCount()));
        }
        doc.putObjects("mailflow.sample_replies", objects);
    }
}

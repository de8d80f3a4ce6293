package org.vaultmail.gateway.outbox.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.gateway.GatewayEvent;

/**
 * The worker's {@link GatewayEvent}s (audited; webhooks for the owner). Details are ids, the Message-ID, reply codes
 * and typed reasons: never a recipient address, a reply text (it may quote one) or anything of the body.
 * Published inside the transaction of the transition they report.
 */
class DeliveryEvents {

    private final ApplicationEventPublisher publisher;

    DeliveryEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void sent(String id, long userId, long mailboxId, String messageId, int code, int refused, Instant at) {
        Map<String, Object> d = base(id, mailboxId, messageId);
        d.put("replyCode", code);
        if (refused > 0) d.put("refusedRecipients", refused);
        publish("gateway.message.sent", userId, id, "success", d, "message.sent", at);
    }

    void failed(String id, long userId, long mailboxId, String messageId, String reason, @Nullable Integer code, Instant at) {
        Map<String, Object> d = base(id, mailboxId, messageId);
        d.put("reason", reason);
        if (code != null) d.put("replyCode", code);
        publish("gateway.message.failed", userId, id, "failure", d, "message.failed", at);
    }

    void uncertain(String id, long userId, long mailboxId, String messageId, Instant at) {
        publish("gateway.message.delivery_uncertain", userId, id, "failure", base(id, mailboxId, messageId),
                "message.delivery_uncertain", at);
    }

    void held(String id, long userId, long mailboxId, String messageId, Instant until, Instant at) {
        Map<String, Object> d = base(id, mailboxId, messageId);
        d.put("heldUntil", until.toString());
        publish("gateway.message.held", userId, id, "held", d, "message.held", at);
    }

    private static Map<String, Object> base(String id, long mailboxId, String messageId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("messageId", messageId);
        d.put("mailbox", mailboxId);
        return d;
    }

    private void publish(String action, long userId, String id, String outcome, Map<String, Object> details,
                         String webhookType, Instant at) {
        publisher.publishEvent(GatewayEvent.bySystem(action, userId, "message:" + id, outcome, details, webhookType, at));
    }
}

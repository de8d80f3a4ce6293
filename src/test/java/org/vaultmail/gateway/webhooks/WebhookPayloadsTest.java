package org.vaultmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaultmail.gateway.GatewayEvent;

/** Payloads carry the allowed, plain facts of an event and nothing else (canaries in every other key). */
class WebhookPayloadsTest {

    static final String CANARY = "Payload-Canary-7f3c21";

    @Test
    void onlyAllowedPlainDetailsGoIntoThePayload() {
        GatewayEvent event = GatewayEvent.bySystem("gateway.message.sent", 7, "message:abc", "success",
                Map.of("messageId", "m1@example.test", "replyCode", 250, "mailbox", "alice@example.test",
                        "password", CANARY, "body", CANARY, "text", CANARY, "secret", CANARY,
                        "reason", Map.of("nested", CANARY), "recipientCount", 2),
                "message.sent", Instant.parse("2026-12-06T01:00:00Z"));
        String payload = WebhookPayloads.of(event, WebhookEventType.MESSAGE_SENT);
        assertThat(payload).doesNotContain(CANARY).doesNotContain("password").doesNotContain("\"body\"");
        assertThat(payload).startsWith("{\"type\":\"message.sent\",\"timestamp\":\"2026-12-06T01:00:00Z\",\"data\":{")
                .contains("\"messageId\":\"m1@example.test\"", "\"replyCode\":250", "\"target\":\"message:abc\"",
                        "\"recipientCount\":2");
    }

    @Test
    void keysOfAnotherTypeAreLeftOut() {
        GatewayEvent event = GatewayEvent.bySystem("gateway.apikey.created", 7, "apikey:3", "success",
                Map.of("prefix", "vmk_abcd", "scopes", List.of("send"), "messageId", CANARY), "apikey.created", Instant.now());
        assertThat(WebhookPayloads.of(event, WebhookEventType.APIKEY_CREATED)).doesNotContain(CANARY)
                .contains("\"prefix\":\"vmk_abcd\"", "\"scopes\":[\"send\"]");
    }

    @Test
    void theEventKeyIsTheSameForTheSameEventAndDiffersOtherwise() {
        Instant at = Instant.now();
        GatewayEvent a = GatewayEvent.bySystem("gateway.message.sent", 7, "message:1", "success", Map.of("x", 1), "message.sent", at);
        GatewayEvent same = GatewayEvent.bySystem("gateway.message.sent", 7, "message:1", "success", Map.of("x", 1), "message.sent", at);
        GatewayEvent other = GatewayEvent.bySystem("gateway.message.sent", 7, "message:2", "success", Map.of("x", 1), "message.sent", at);
        assertThat(WebhookPayloads.eventKey(a)).isEqualTo(WebhookPayloads.eventKey(same)).isNotEqualTo(WebhookPayloads.eventKey(other));
    }
}

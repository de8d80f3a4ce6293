package org.vaultmail.gateway.webhooks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.vaultmail.gateway.GatewayEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a delivery: {@code {"type", "timestamp", "data"}} as Standard Webhooks suggests. {@code data} holds
 * the event's target and only the detail keys its type allows ({@link WebhookEventType}), and only plain values
 * (text, numbers, booleans, times and lists of them): whatever else a detail holds is left out, not stringified.
 */
final class WebhookPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayloads() {
    }

    static String of(GatewayEvent event, WebhookEventType type) {
        Map<String, Object> data = new TreeMap<>();
        if (event.target() != null) data.put("target", event.target());
        event.details().forEach((key, value) -> {
            Object plain = plain(value);
            if (type.allowedDetails().contains(key) && plain != null) data.put(key, plain);
        });
        return body(type.label(), event.at(), data);
    }

    /** The body of "send test event". */
    static String test(long endpointId, Instant now) {
        return body(WebhookEventType.TEST, now, Map.of("target", "webhook:" + endpointId, "test", true));
    }

    private static String body(String type, Instant timestamp, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    private static @Nullable Object plain(@Nullable Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) return value;
        if (value instanceof TemporalAccessor || value instanceof Enum<?>) return value.toString();
        if (value instanceof Collection<?> values) {
            List<Object> out = values.stream().map(WebhookPayloads::plain).filter(v -> v != null && !(v instanceof List)).toList();
            return out.size() == values.size() ? out : null;
        }
        return null;
    }

    /**
     * A digest that names the event: the same when the publication registry delivers it again after a crash, so the
     * unique key on (event_key, endpoint_id) queues it once.
     */
    static String eventKey(GatewayEvent event) {
        String canonical = String.join("\u0000", event.action(), Long.toString(event.ownerUserId()), String.valueOf(event.target()),
                String.valueOf(event.webhookType()), event.at().toString(), event.outcome(), event.details().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

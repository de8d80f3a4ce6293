package org.vaultmail.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Something the gateway did that is audited and, when {@link #webhookType} is set, delivered to the owner's webhook
 * endpoints. One event type for the whole gateway keeps the audit mapping and the webhook fan-out in one place each.
 * {@code details} hold named, non-secret facts only (ids, addresses, prefixes, reasons, counts, reply codes): never a
 * password, key, secret or message body; the canary tests check the audit entries and webhook payloads built from it.
 *
 * @param action      the audit action, e.g. {@code gateway.apikey.created}
 * @param actor       who acted
 * @param actorId     the user's address, the operator's name, or {@code gateway} for the worker
 * @param ownerUserId the user whose mailbox, key, message or endpoint it is (webhooks go to their endpoints)
 * @param target      what it concerns, e.g. {@code apikey:12}, {@code mailbox:3}, {@code message:018f…}
 * @param outcome     {@code success}, {@code failure}, {@code refused}, …
 * @param webhookType the Standard Webhooks event type ({@code message.sent}, …), or null when not a webhook event
 */
public record GatewayEvent(String action, Actor actor, String actorId, long ownerUserId, @Nullable String target,
                           String outcome, Map<String, Object> details, @Nullable String clientAddress,
                           @Nullable String webhookType, Instant at) {

    public enum Actor { USER, OPERATOR, SYSTEM }

    /**
     * One message's routine delivery outcomes: for the owner's webhooks, not for the audit log, which records who did
     * what to keys, mailboxes, endpoints and policy. An entry per sent message would drown those (and serialise every
     * delivery on the chain's head row); {@code delivery_uncertain} and explicit retries stay audited.
     */
    private static final java.util.Set<String> NOT_AUDITED = java.util.Set.of(
            "gateway.message.sent", "gateway.message.failed", "gateway.message.held");

    public GatewayEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(outcome, "outcome");
        details = new TreeMap<>(details);
        Objects.requireNonNull(at, "at");
    }

    /** Whether the audit log records this event (see {@link #NOT_AUDITED}). */
    public boolean audited() {
        return !NOT_AUDITED.contains(action);
    }

    /** A user's own action, with their client address. */
    public static GatewayEvent byUser(String action, String address, long userId, @Nullable String target, String outcome,
                                      Map<String, Object> details, @Nullable String clientAddress, @Nullable String webhookType,
                                      Instant at) {
        return new GatewayEvent(action, Actor.USER, address, userId, target, outcome, details, clientAddress, webhookType, at);
    }

    /** What the gateway's own workers did (a message sent, a mailbox found to need re-authentication). */
    public static GatewayEvent bySystem(String action, long ownerUserId, @Nullable String target, String outcome,
                                        Map<String, Object> details, @Nullable String webhookType, Instant at) {
        return new GatewayEvent(action, Actor.SYSTEM, "gateway", ownerUserId, target, outcome, details, null, webhookType, at);
    }
}

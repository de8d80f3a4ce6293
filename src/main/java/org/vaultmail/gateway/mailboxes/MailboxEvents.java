package org.vaultmail.gateway.mailboxes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.gateway.GatewayEvent;

/**
 * The {@link GatewayEvent}s of connected mailboxes: {@code gateway.mailbox.*}, with the mailbox's id, address and
 * kind as details (never a credential, never a server's reply). Published inside the change's transaction.
 */
final class MailboxEvents {

    static final String CONNECTED = "gateway.mailbox.connected";
    static final String DISCONNECTED = "gateway.mailbox.disconnected";
    static final String REAUTHENTICATED = "gateway.mailbox.reauthenticated";
    static final String PASSWORD_REPLACED = "gateway.mailbox.password_replaced";
    static final String TEST_FAILED = "gateway.mailbox.test_failed";
    static final String NEEDS_REAUTH = "gateway.mailbox.needs_reauth";
    static final String DISABLED = "gateway.mailbox.disabled";
    static final String ENABLED = "gateway.mailbox.enabled";

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    MailboxEvents(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The signed-in owner did it. */
    void byUser(String action, Actor by, ConnectedMailbox m, String outcome, @Nullable String webhookType) {
        publisher.publishEvent(GatewayEvent.byUser(action, by.address(), m.userId(), target(m), outcome, details(m),
                by.clientAddress(), webhookType, clock.instant()));
    }

    /** A test for a mailbox not stored (nothing has an id yet). */
    void testFailed(Actor by, long userId, String address, ConnectedMailbox.Kind kind, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("address", address);
        details.put("kind", kind.label());
        details.put("reason", reason);
        publisher.publishEvent(GatewayEvent.byUser(TEST_FAILED, by.address(), userId, null, "refused", details,
                by.clientAddress(), null, clock.instant()));
    }

    /** The worker found the stored password refused; {@code owner} is where the notification goes. */
    void needsReauth(ConnectedMailbox m, String owner) {
        Map<String, Object> details = details(m);
        details.put("owner", owner);
        publisher.publishEvent(GatewayEvent.bySystem(NEEDS_REAUTH, m.userId(), target(m), "held", details,
                "mailbox.needs_reauth", clock.instant()));
    }

    void byOperator(String action, String operator, @Nullable String clientAddress, ConnectedMailbox m) {
        publisher.publishEvent(new GatewayEvent(action, GatewayEvent.Actor.OPERATOR, operator, m.userId(), target(m),
                "success", details(m), clientAddress, null, clock.instant()));
    }

    private static String target(ConnectedMailbox m) {
        return "mailbox:" + m.id();
    }

    private static Map<String, Object> details(ConnectedMailbox m) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mailbox", m.id());
        details.put("address", m.address());
        details.put("kind", m.kind().label());
        return details;
    }

    /** Who acted: the signed-in user's address and their client's address. */
    record Actor(long userId, String address, @Nullable String clientAddress) {
    }
}

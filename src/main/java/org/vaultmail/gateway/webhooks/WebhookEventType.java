package org.vaultmail.gateway.webhooks;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The event types an endpoint can subscribe to, and for each the detail keys of a
 * {@link org.vaultmail.gateway.GatewayEvent} that may go into its payload. Details are non-secret by contract; the
 * allow-list makes sure a fact added later (or by mistake) does not leave the server unless it is listed here.
 */
enum WebhookEventType {
    MESSAGE_SENT("message.sent", Keys.MESSAGE),
    MESSAGE_FAILED("message.failed", Keys.MESSAGE),
    MESSAGE_DELIVERY_UNCERTAIN("message.delivery_uncertain", Keys.MESSAGE),
    MESSAGE_HELD("message.held", Keys.MESSAGE),
    MAILBOX_NEEDS_REAUTH("mailbox.needs_reauth", Keys.MAILBOX),
    MAILBOX_CONNECTED("mailbox.connected", Keys.MAILBOX),
    MAILBOX_DISCONNECTED("mailbox.disconnected", Keys.MAILBOX),
    APIKEY_CREATED("apikey.created", Keys.APIKEY),
    APIKEY_REVOKED("apikey.revoked", Keys.APIKEY);

    /** The type of the event "send test event" delivers; no endpoint subscribes to it. */
    static final String TEST = "webhook.test";

    private static final class Keys {
        static final Set<String> MESSAGE = Set.of("messageId", "id", "mailbox", "status", "replyCode", "reason",
                "recipientCount", "attempt", "attempts", "sentAt", "heldUntil", "apiKeyId", "refusedRecipients");
        static final Set<String> MAILBOX = Set.of("id", "mailbox", "address", "kind", "state", "reason", "heldMessages");
        static final Set<String> APIKEY = Set.of("id", "keyId", "prefix", "name", "scopes", "expiresAt");
    }

    private final String label;
    private final Set<String> allowedDetails;

    WebhookEventType(String label, Set<String> allowedDetails) {
        this.label = label;
        this.allowedDetails = allowedDetails;
    }

    String label() {
        return label;
    }

    Set<String> allowedDetails() {
        return allowedDetails;
    }

    static Optional<WebhookEventType> of(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }
}

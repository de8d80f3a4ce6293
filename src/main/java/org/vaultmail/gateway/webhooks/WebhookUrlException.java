package org.vaultmail.gateway.webhooks;

/** An endpoint URL Vaultmail does not deliver to; the message may be shown to the user (it names no resolved address). */
final class WebhookUrlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WebhookUrlException(String message) {
        super(message, null, false, false);
    }
}

package org.vaultmail.gateway.webhooks;

/** A request to manage endpoints that cannot be done as asked; the message is for the user. */
final class WebhookRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WebhookRequestException(String message) {
        super(message, null, false, false);
    }
}

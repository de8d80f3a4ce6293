package org.vaultmail.gateway.webhooks;

import org.vaultmail.i18n.UserText;

/** A request to manage endpoints that cannot be done as asked; the message is for the user. */
final class WebhookRequestException extends RuntimeException implements UserText.Shown {

    private static final long serialVersionUID = 1L;

    private final UserText text;

    /** {@code key} a message key (messages-problems) with its arguments; the message is its English. */
    WebhookRequestException(String key, Object... arguments) {
        this(UserText.of(key, arguments));
    }

    private WebhookRequestException(UserText text) {
        super(text.english(), null, false, false);
        this.text = text;
    }

    @Override
    public UserText text() {
        return text;
    }
}

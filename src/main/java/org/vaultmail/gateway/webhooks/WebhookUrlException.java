package org.vaultmail.gateway.webhooks;

import org.vaultmail.i18n.UserText;

/** An endpoint URL Vaultmail does not deliver to; the message may be shown to the user (it names no resolved address). */
final class WebhookUrlException extends RuntimeException implements UserText.Shown {

    private static final long serialVersionUID = 1L;

    private final UserText text;

    /** {@code key} a message key (messages-problems) with its arguments; the message is its English. */
    WebhookUrlException(String key, Object... arguments) {
        this(UserText.of(key, arguments));
    }

    private WebhookUrlException(UserText text) {
        super(text.english(), null, false, false);
        this.text = text;
    }

    @Override
    public UserText text() {
        return text;
    }
}

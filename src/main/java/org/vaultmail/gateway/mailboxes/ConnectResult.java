package org.vaultmail.gateway.mailboxes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a "Connect a Google/Microsoft 365 account" flow ended, as the mailboxes page's {@code ?oauth=} code: the page
 * shows the bundle's sentence {@code mailboxes.oauth.result.<code>}, never text from the URL.
 */
enum ConnectResult {
    CONNECTED(true), REAUTHENTICATED(true), RECONNECTED(true),
    DENIED(false), SCOPE_NOT_GRANTED(false), EXPIRED(false), ID_TOKEN_INVALID(false), FAILED(false),
    ALREADY_CONNECTED(false), DISABLED(false), TOO_MANY_MAILBOXES(false), DOMAIN_SWITCHED_OFF(false);

    final boolean ok;

    ConnectResult(boolean ok) {
        this.ok = ok;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<ConnectResult> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    static ConnectResult of(MailboxProblem.Reason reason) {
        return switch (reason) {
            case ALREADY_CONNECTED -> ALREADY_CONNECTED;
            case DISABLED -> DISABLED;
            case TOO_MANY_MAILBOXES -> TOO_MANY_MAILBOXES;
            case DOMAIN_SWITCHED_OFF -> DOMAIN_SWITCHED_OFF;
            default -> FAILED;
        };
    }
}

package org.vaultmail.admin.operators;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * The passkey step refused the sign-in (ADR 0054): counted and audited already. {@link #shown()} is the message for
 * the page when the operator's own authenticator needs attention; null: the generic "wrong name, password or passkey".
 */
public final class OperatorPasskeyRefusedException extends BadCredentialsException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String shown;

    OperatorPasskeyRefusedException(@Nullable String shown) {
        super("Wrong name, password or passkey.");
        this.shown = shown;
    }

    public @Nullable String shown() {
        return shown;
    }
}

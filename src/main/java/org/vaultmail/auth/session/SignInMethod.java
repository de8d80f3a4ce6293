package org.vaultmail.auth.session;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** How a session signed in, recorded in {@code sessions.sign_in_method} (V58) and shown on the sessions page. */
public enum SignInMethod {
    /** The mailbox password (with a second factor when one is enrolled). */
    PASSWORD,
    /** A passkey alone, whose PRF output unlocked the sealed mailbox password (ADR 0051). */
    PASSKEY,
    /** The domain's OAuth provider (ADR 0045); which one is {@code sessions.oauth_provider}. */
    OAUTH;

    /** The stored form: {@code password}, {@code passkey}, {@code oauth}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method a stored code names; empty for NULL (a session from before V58) or a code this version does not know. */
    static Optional<SignInMethod> ofCode(@Nullable String code) {
        if (code == null) return Optional.empty();
        for (SignInMethod m : values()) {
            if (m.code().equals(code)) return Optional.of(m);
        }
        return Optional.empty();
    }
}

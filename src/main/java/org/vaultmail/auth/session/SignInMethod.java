package org.vaultmail.auth.session;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** How a session signed in, recorded in {@code sessions.sign_in_method} (V58) and shown on the sessions page. */
@NamedInterface("session")
public enum SignInMethod {
    /** The mailbox password (with a second factor when one is enrolled). */
    PASSWORD,
    /** A passkey alone, whose PRF output unlocked the sealed mailbox password (ADR 0051). */
    PASSKEY,
    /** The domain's OAuth provider (ADR 0045); which one is {@code sessions.oauth_provider}. */
    OAUTH;

    /**
     * The message key that names how a session signed in, when no OAuth provider names it: a passkey's, else a
     * password's (also for a session from before V58, which has no method: it shows as it always did).
     */
    public static String messageKey(@Nullable SignInMethod method) {
        return method == PASSKEY ? "sessions.method.passkey" : "sessions.method.password";
    }

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

package org.vaultmail.auth.passkeys;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * Something happened to a user's passkey (ADR 0048): registered, removed, used at sign-in, refused (with the reason),
 * or refused because its signature counter went backwards (a cloned authenticator). Published for the audit log.
 * {@code name} is the label the user gave it; {@code credential} the first characters of its public id, enough to
 * tell passkeys apart in the log. No key, signature, challenge or password.
 */
@NamedInterface("passkeys")
public record PasskeyEvent(long userId, String address, Action action, @Nullable String name, @Nullable String credential,
                           @Nullable String reason, @Nullable String clientAddress) {

    /** What happened; {@link #auditAction()} names it in the log. */
    public enum Action {
        REGISTER("passkey.register"), REMOVE("passkey.remove"), USE("passkey.use"), REFUSE("passkey.verify"),
        COUNTER_REGRESSION("passkey.counter_regression"),
        /** Sign-in with this passkey alone turned on or off (ADR 0051). */
        SIGNIN_ENABLE("passkey.signin_enable"), SIGNIN_DISABLE("passkey.signin_disable"),
        /** A passkey-only sign-in unlocked the password; {@code UNLOCK_REFUSE}: it did not (reason says why). */
        SIGNIN("passkey.signin"), UNLOCK_REFUSE("passkey.unlock");

        private final String audit;

        Action(String audit) {
            this.audit = audit;
        }

        public String auditAction() {
            return audit;
        }
    }

    /** Whether the audit entry records a success. */
    public boolean success() {
        return action == Action.REGISTER || action == Action.REMOVE || action == Action.USE || action == Action.SIGNIN_ENABLE
                || action == Action.SIGNIN_DISABLE || action == Action.SIGNIN;
    }
}

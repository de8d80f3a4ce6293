package org.vaultmail.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.vaultmail.auth.UserChangedByOperator;

/** One queued notification: the facts the mail is composed from. No secret, no message text. */
record Notice(UUID id, Kind kind, long userId, String recipient, String operator, @Nullable String operatorClient,
              Instant occurredAt, int attempts) {

    /** What the mail tells; the name (lower case) is the message-key and audit label. */
    enum Kind {
        MFA_RESET, SESSIONS_ENDED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String key() {
            return this == MFA_RESET ? "mfaReset" : "sessionsEnded";
        }

        static Kind of(UserChangedByOperator.Change change) {
            return switch (change) {
                case MFA_RESET -> MFA_RESET;
                case SESSIONS_ENDED -> SESSIONS_ENDED;
            };
        }
    }

    static Notice of(UserChangedByOperator e) {
        return new Notice(e.id(), Kind.of(e.change()), e.userId(), e.address(), e.operator(), e.operatorClient(), e.at(), 0);
    }
}

package org.vaultmail.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.vaultmail.auth.mfa.SecondFactorChanged;
import org.vaultmail.auth.users.UserChangedByOperator;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.migrate.MigrationEvent;

/**
 * One queued notification: the facts the mail is composed from. No secret, no message text. {@code operator} is
 * null for a change the user made themselves in a session (ADR 0026).
 */
record Notice(UUID id, Kind kind, long userId, String recipient, @Nullable String operator, @Nullable String operatorClient,
              Instant occurredAt, int attempts, @Nullable String about) {

    /** A notice about the account itself (no {@code about}). */
    Notice(UUID id, Kind kind, long userId, String recipient, @Nullable String operator, @Nullable String operatorClient,
           Instant occurredAt, int attempts) {
        this(id, kind, userId, recipient, operator, operatorClient, occurredAt, attempts, null);
    }

    /** What the mail tells; the name (lower case) is the audit label, {@code key} the message-key. */
    enum Kind {
        MFA_RESET("mfaReset"), SESSIONS_ENDED("sessionsEnded"),
        MFA_ADDED("mfaAdded"), MFA_REMOVED("mfaRemoved"), RECOVERY_CODES_REPLACED("recoveryCodesReplaced"),
        /** A passkey was added to or removed from the user's second factors (ADR 0048). */
        PASSKEY_ADDED("passkeyAdded"), PASSKEY_REMOVED("passkeyRemoved"),
        /** Sign-in with a passkey alone was turned on (ADR 0051). */
        PASSKEY_SIGNIN_ENABLED("passkeySigninEnabled"),
        /** The sending gateway's worker found a connected mailbox's stored password refused (issue 13); {@code about} is its address. */
        MAILBOX_NEEDS_REAUTH("mailboxNeedsReauth"),
        /** A user's mailbox migration job ended (issue 14); {@code about} says from where and the counts. */
        MIGRATION_FINISHED("migrationFinished"), MIGRATION_FAILED("migrationFailed"),
        MIGRATION_CANCELLED("migrationCancelled");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** Nobody acted: the server found it out; the mail has no "done by" line. */
        boolean bySystem() {
            return this == MAILBOX_NEEDS_REAUTH || this == MIGRATION_FINISHED || this == MIGRATION_FAILED
                    || this == MIGRATION_CANCELLED;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String key() {
            return key;
        }

        static Kind of(UserChangedByOperator.Change change) {
            return switch (change) {
                case MFA_RESET -> MFA_RESET;
                case SESSIONS_ENDED -> SESSIONS_ENDED;
            };
        }

        static Kind of(SecondFactorChanged.Change change) {
            return switch (change) {
                case ADDED -> MFA_ADDED;
                case REMOVED -> MFA_REMOVED;
                case RECOVERY_CODES_REPLACED -> RECOVERY_CODES_REPLACED;
                case PASSKEY_ADDED -> PASSKEY_ADDED;
                case PASSKEY_REMOVED -> PASSKEY_REMOVED;
                case PASSKEY_SIGNIN_ENABLED -> PASSKEY_SIGNIN_ENABLED;
            };
        }
    }

    static Notice of(UserChangedByOperator e) {
        return new Notice(e.id(), Kind.of(e.change()), e.userId(), e.address(), e.operator(), e.operatorClient(), e.at(), 0);
    }

    /**
     * A connected mailbox moved to {@code needs_reauth}: the event is published once per change of state, and its id
     * is derived from the mailbox and the moment, so a republished event queues nothing twice.
     */
    static Notice ofMailboxNeedsReauth(GatewayEvent e) {
        String recipient = String.valueOf(e.details().get("owner"));
        String mailbox = String.valueOf(e.details().get("address"));
        UUID id = UUID.nameUUIDFromBytes((e.action() + "|" + e.target() + "|" + e.at()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Notice(id, Kind.MAILBOX_NEEDS_REAUTH, e.ownerUserId(), recipient, null, null, e.at(), 0, mailbox);
    }

    /**
     * A user's migration job ended: mailed to its owner with the source login and the counts (never a credential).
     * The id is derived from the job and the action, so a republished event queues nothing twice.
     */
    static Notice ofMigration(MigrationEvent e) {
        Kind kind = switch (e.action()) {
            case "migration.job.finished" -> Kind.MIGRATION_FINISHED;
            case "migration.job.failed" -> Kind.MIGRATION_FAILED;
            default -> Kind.MIGRATION_CANCELLED;
        };
        String recipient = String.valueOf(e.details().get("owner"));
        String about = e.details().get("source_login") + " (" + e.details().get("source_server") + "): "
                + e.details().get("copied") + " copied, " + e.details().get("present") + " already there, "
                + e.details().get("failed") + " failed";
        UUID id = UUID.nameUUIDFromBytes((e.action() + "|" + e.jobId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Notice(id, kind, java.util.Objects.requireNonNull(e.ownerUserId()), recipient, null, null, e.at(), 0,
                about.length() > 320 ? about.substring(0, 320) : about);
    }

    static Notice of(SecondFactorChanged e) {
        return new Notice(e.id(), Kind.of(e.change()), e.userId(), e.address(), null, null, e.at(), 0);
    }
}

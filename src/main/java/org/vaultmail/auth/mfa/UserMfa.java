package org.vaultmail.auth.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.SealedLocation;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/**
 * A user's TOTP second factor: enrolment (confirmed by a first code), verification with replay
 * protection, single-use recovery codes and their replacement, and disabling. ADR 0006; the web and API callers of
 * the changes demand a recent proof of identity first (ADR 0026).
 */
public final class UserMfa {

    /** A started enrolment: what the settings page shows (the secret in base32 and as a QR code). */
    record Enrolment(String secretBase32, String uri) {
        @Override
        public String toString() {
            return "Enrolment[PROTECTED]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MfaStore store;
    private final Vault vault;
    private final Totp totp;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    UserMfa(MfaStore store, Vault vault, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.totp = Totp.standard(clock);
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whether the user has a confirmed second factor (sign-in then asks for a code). */
    public boolean enrolled(long userId) {
        return store.find(userId).map(MfaStore.Row::confirmed).orElse(false);
    }

    /** Starts (or restarts) enrolment with a new 160-bit secret; empty when MFA is already on. */
    Optional<Enrolment> begin(long userId, String address) {
        byte[] key = new byte[Totp.SECRET_BYTES];
        RANDOM.nextBytes(key);
        try (Secret secret = Secret.copyOf(key)) {
            Boolean started = tx.execute(s -> store.begin(userId, vault.seal(Purpose.TOTP, location(userId), secret),
                    clock.instant()));
            if (!Boolean.TRUE.equals(started)) return Optional.empty();
            return Optional.of(new Enrolment(Base32.encode(key), Totp.uri(address, key)));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The started, unconfirmed enrolment (for the QR image and a page reload); empty otherwise. */
    Optional<Enrolment> pending(long userId, String address) {
        return store.find(userId).filter(r -> !r.confirmed()).map(r -> {
            try (Secret secret = vault.unseal(Purpose.TOTP, location(userId), r.secret())) {
                byte[] key = secret.revealBytes();
                try {
                    return new Enrolment(Base32.encode(key), Totp.uri(address, key));
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        });
    }

    /** Completes enrolment with a current code; the ten recovery codes, shown once, or empty for a wrong code. */
    Optional<List<String>> confirm(long userId, String address, String code) {
        Optional<MfaStore.Row> row = store.find(userId).filter(r -> !r.confirmed());
        if (row.isEmpty()) return Optional.empty();
        OptionalLong step = matchTotp(row.get(), code);
        if (step.isEmpty()) {
            events.publishEvent(new MfaFailed(userId, address, MfaFailed.Reason.ENROL));
            return Optional.empty();
        }
        List<String> codes = RecoveryCodes.generate();
        tx.executeWithoutResult(s -> {
            store.confirm(userId, step.getAsLong(), codes.stream().map(RecoveryCodes::hash).toList(), clock.instant());
            changed(userId, address, SecondFactorChanged.Change.ADDED);
        });
        events.publishEvent(new MfaEnrolled(userId, address));
        return Optional.of(codes);
    }

    /**
     * Checks a second factor: a TOTP code not used before, or an unused recovery code (then spent).
     * A user without confirmed MFA never passes.
     */
    public boolean verify(long userId, String address, String code, MfaFailed.Reason where) {
        Optional<MfaStore.Row> row = store.find(userId).filter(MfaStore.Row::confirmed);
        boolean ok = row.isPresent() && accept(row.get(), address, code);
        if (!ok) events.publishEvent(new MfaFailed(userId, address, where));
        return ok;
    }

    /**
     * Turns the user's own MFA off; false when it was not on. Needs no code here: the caller demands a recent proof
     * of identity first (ADR 0026). The user is told by mail ({@link SecondFactorChanged}, in the same transaction).
     */
    boolean disable(long userId, String address) {
        Boolean done = tx.execute(s -> {
            if (store.find(userId).filter(MfaStore.Row::confirmed).isEmpty()) return false;
            store.delete(userId);
            changed(userId, address, SecondFactorChanged.Change.REMOVED);
            return true;
        });
        if (!Boolean.TRUE.equals(done)) return false;
        events.publishEvent(new MfaDisabled(userId, address));
        return true;
    }

    /**
     * Ten new recovery codes in place of the old ones (which stop working at once), shown once; empty when MFA is
     * not on. The caller demands a recent proof first (ADR 0026); the user is told by mail.
     */
    Optional<List<String>> replaceRecoveryCodes(long userId, String address) {
        List<String> codes = RecoveryCodes.generate();
        Boolean done = tx.execute(s -> {
            if (store.find(userId).filter(MfaStore.Row::confirmed).isEmpty()) return false;
            store.replaceRecoveryCodes(userId, codes.stream().map(RecoveryCodes::hash).toList());
            changed(userId, address, SecondFactorChanged.Change.RECOVERY_CODES_REPLACED);
            return true;
        });
        if (!Boolean.TRUE.equals(done)) return Optional.empty();
        events.publishEvent(new RecoveryCodesReplaced(userId, address, codes.size()));
        return Optional.of(codes);
    }

    /** Published inside the change's transaction: the notification is stored with the change, or not at all (ADR 0023). */
    private void changed(long userId, String address, SecondFactorChanged.Change change) {
        events.publishEvent(new SecondFactorChanged(UUID.randomUUID(), userId, address, change, clock.instant()));
    }

    /**
     * An operator's reset: MFA off without a code (the user lost the device). Published as
     * {@link MfaDisabled}; the operator's own action is audited by the console. False when not enrolled.
     */
    public boolean reset(long userId, String address) {
        return reset(userId, address, null);
    }

    /**
     * The same, and {@code inTransaction} (when not null) is published inside the transaction that deletes the
     * factor: its durable listeners (the user's notification, ADR 0023) are stored with the change, or not at all.
     */
    public boolean reset(long userId, String address, @Nullable Object inTransaction) {
        if (store.find(userId).isEmpty()) return false;
        tx.executeWithoutResult(s -> {
            store.delete(userId);
            if (inTransaction != null) events.publishEvent(inTransaction);
        });
        events.publishEvent(new MfaDisabled(userId, address));
        return true;
    }

    /** Unused recovery codes left. */
    public int recoveryCodesLeft(long userId) {
        return store.unusedRecoveryCodes(userId);
    }

    private boolean accept(MfaStore.Row row, String address, String code) {
        if (RecoveryCodes.looksLikeOne(code)) {
            if (!store.useRecoveryCode(row.userId(), RecoveryCodes.hash(code), clock.instant())) return false;
            events.publishEvent(new RecoveryCodeUsed(row.userId(), address, store.unusedRecoveryCodes(row.userId())));
            return true;
        }
        OptionalLong step = matchTotp(row, code);
        return step.isPresent() && store.useStep(row.userId(), step.getAsLong());
    }

    private OptionalLong matchTotp(MfaStore.Row row, String code) {
        try (Secret secret = vault.unseal(Purpose.TOTP, location(row.userId()), row.secret())) {
            byte[] key = secret.revealBytes();
            try {
                return totp.verify(key, code, row.lastStep());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static SealedLocation location(long userId) {
        return MfaStore.SECRET_COLUMN.location(userId, null);
    }
}

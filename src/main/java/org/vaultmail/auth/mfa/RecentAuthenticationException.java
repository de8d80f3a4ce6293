package org.vaultmail.auth.mfa;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * An action that needs a recent proof of identity (ADR 0026) was refused: no proof yet or too old ({@code REQUIRED}),
 * a wrong one, a throttling wait, or a mail server that could not check the password. Carries no secret.
 */
@NamedInterface("mfa")
public final class RecentAuthenticationException extends RuntimeException {

    /** The problem type of the API's 403: stable, for clients to recognise. */
    public static final String REQUIRED_TYPE = "tag:vaultmail.org,2026:problem:reauthentication-required";

    /** Why the action did not run. */
    public enum Outcome { REQUIRED, WRONG, LOCKED_OUT, UNREACHABLE, BUSY }

    private final Outcome outcome;
    private final Reauthenticated.Method proof;
    private final @Nullable Instant retryAt;
    private final @Nullable String detail;

    RecentAuthenticationException(Outcome outcome, boolean secondFactor, @Nullable Instant retryAt) {
        this(outcome, secondFactor ? Reauthenticated.Method.SECOND_FACTOR : Reauthenticated.Method.PASSWORD, retryAt);
    }

    RecentAuthenticationException(Outcome outcome, Reauthenticated.Method proof, @Nullable Instant retryAt) {
        this(outcome, proof, retryAt, null);
    }

    /** {@code detail}: what the user is told about a refused passkey (names no credential). */
    RecentAuthenticationException(Outcome outcome, Reauthenticated.Method proof, @Nullable Instant retryAt, @Nullable String detail) {
        super("recent authentication: " + outcome, null, false, false);
        this.detail = detail;
        this.outcome = outcome;
        this.proof = proof;
        this.retryAt = retryAt;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the proof asked for is a second-factor code (the user has one) rather than the mailbox password. */
    public boolean secondFactor() {
        return proof == Reauthenticated.Method.SECOND_FACTOR;
    }

    /** The proof asked for: a code, the mailbox password, or a new sign-in at the session's OAuth provider (ADR 0047). */
    public Reauthenticated.Method proof() {
        return proof;
    }

    /** Why a passkey was refused, for the user; null otherwise. */
    public @Nullable String detail() {
        return detail;
    }

    /** When a throttling wait ends ({@code LOCKED_OUT}). */
    public @Nullable Instant retryAt() {
        return retryAt;
    }
}

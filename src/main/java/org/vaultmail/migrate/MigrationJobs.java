package org.vaultmail.migrate;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.vaultmail.i18n.UserText;

/**
 * The jobs service (issue 14 items 1 and 6): creating a job tests both logins, then seals them; any node's runner (or
 * {@link #runHere} in the CLI) runs it; a user sees and acts on their own jobs only (another's: empty, shown as 404).
 */
public interface MigrationJobs {

    /**
     * Tests both logins, then stores the job queued with both sides sealed (write-once). The caller closes {@code job}.
     * A user's job must name the user's own sign-in login as its destination.
     */
    JobView create(NewJob job, Requester requester) throws MigrationRefused;

    /**
     * A job whose source is an OAuth mailbox (issue 15, ADR 0046): {@code grantId} is the requester's stored
     * {@code migration-source} grant for the account {@code sourceLogin} on {@code sourceServer}. Tests the XOAUTH2 login
     * (one refresh if the token is refused) and the destination's, then stores the job queued, referencing the grant
     * instead of a sealed password. The grant is the caller's to delete when this refuses. The caller closes
     * {@code destination}.
     */
    default JobView createWithGrant(String sourceServer, String sourceLogin, long grantId, ServerLogin destination,
                                    MigrationOptions options, Requester requester) throws MigrationRefused {
        throw new MigrationRefused("unavailable", UserText.of("problem.import.oauthUnavailable"));
    }

    Optional<JobView> find(String id, Requester requester);

    /** Newest first. */
    List<JobView> list(Requester requester, int limit);

    /** Cancels a queued, running or paused job (a running one stops at its next checkpoint); credentials deleted. */
    Optional<JobView> cancel(String id, Requester requester) throws MigrationRefused;

    Optional<JobView> pause(String id, Requester requester) throws MigrationRefused;

    Optional<JobView> resume(String id, Requester requester) throws MigrationRefused;

    /** Per-message errors, oldest first. */
    List<MigrationError> errors(String id, Requester requester, int limit);

    /**
     * Claims the job for this process and runs it to its end (the CLI's {@code migrate run}); {@code progress} gets a
     * view about once a second. Refused with {@code conflict} when another process holds it, or it has ended.
     */
    JobView runHere(String id, Requester requester, Consumer<JobView> progress) throws MigrationRefused;
}

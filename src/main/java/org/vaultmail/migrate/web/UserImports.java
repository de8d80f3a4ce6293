package org.vaultmail.migrate.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerChoice;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * A signed-in user's imports into their own mailbox, for the API and the page alike: the destination is the session's
 * address on its own domain, opened with the session's sealed password (the user does not type it again). Unknown
 * and other users' jobs are {@link MigrationProblem#notFound}; the jobs service's refusals become problems.
 */
final class UserImports {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_LOGIN_LENGTH = 320;
    static final int MAX_PASSWORD_BYTES = 1024;

    private final ObjectProvider<MigrationJobs> jobs;
    private final ObjectProvider<MigrationSources> sources;
    private final SessionCredentials credentials;

    UserImports(ObjectProvider<MigrationJobs> jobs, ObjectProvider<MigrationSources> sources, SessionCredentials credentials) {
        this.jobs = jobs;
        this.sources = sources;
        this.credentials = credentials;
    }

    static Requester requester(AuthenticatedSession me, @Nullable String clientAddress) {
        return Requester.user(me.userId(), me.address(), clientAddress);
    }

    /** Checks what the user typed, then asks the jobs service (which tests both logins) to queue the job. */
    JobView create(AuthenticatedSession me, @Nullable String clientAddress, @Nullable String server, @Nullable String login,
                   Secret password, MigrationOptions options) {
        String s = server == null ? "" : server.strip();
        String l = login == null ? "" : login.strip();
        if (s.isEmpty()) throw MigrationProblem.invalid("source.server", "problem.import.noServer");
        if (s.length() > 100) throw MigrationProblem.invalid("source.server", "problem.import.noSuchServer");
        if (l.isEmpty()) throw MigrationProblem.invalid("source.login", "problem.import.noLogin");
        if (l.length() > MAX_LOGIN_LENGTH) throw MigrationProblem.invalid("source.login", "problem.import.loginTooLong", String.valueOf(MAX_LOGIN_LENGTH));
        if (password.length() == 0) throw MigrationProblem.invalid("source.password", "problem.import.noPassword");
        if (password.length() > MAX_PASSWORD_BYTES) throw MigrationProblem.invalid("source.password", "problem.import.passwordTooLong");
        MigrationJobs service = service();
        if (signsInWithOAuth(me)) throw MigrationProblem.destinationSignsInWithOAuth();
        // the session's password opens only with this client's unseal secret; a VaultException means "sign in again"
        Secret destinationPassword = credentials.imapPassword(me);
        try (NewJob job = new NewJob(new ServerLogin(s, l, password), new ServerLogin(domainOf(me.address()), me.address(),
                destinationPassword), options)) {
            return service.create(job, requester(me, clientAddress));
        } catch (MigrationRefused e) {
            throw MigrationProblem.of(e);
        } finally {
            destinationPassword.close();
        }
    }

    /**
     * Whether the user's session signed in with OAuth: then there is no password for the destination side (ADR 0049),
     * and the session's tokens are not the job's to use (G2). Reads the session row only; opens nothing.
     */
    boolean signsInWithOAuth(AuthenticatedSession me) {
        return credentials.oauthProvider(me).isPresent();
    }

    JobView find(AuthenticatedSession me, String id) {
        return checked(id).flatMap(i -> service().find(i, requester(me, null))).orElseThrow(MigrationProblem::notFound);
    }

    /** For a stream's ticks: empty when the job is gone (or was never the user's). */
    Optional<JobView> peek(Requester requester, String id) {
        return service().find(id, requester);
    }

    List<JobView> list(AuthenticatedSession me, int limit) {
        return service().list(requester(me, null), limit);
    }

    List<MigrationError> errors(AuthenticatedSession me, String id, int limit) {
        find(me, id); // 404 first: another user's job has no errors to show either
        return service().errors(id, requester(me, null), limit);
    }

    JobView cancel(AuthenticatedSession me, String id, @Nullable String clientAddress) {
        return act(id, () -> service().cancel(id, requester(me, clientAddress)));
    }

    JobView pause(AuthenticatedSession me, String id, @Nullable String clientAddress) {
        return act(id, () -> service().pause(id, requester(me, clientAddress)));
    }

    JobView resume(AuthenticatedSession me, String id, @Nullable String clientAddress) {
        return act(id, () -> service().resume(id, requester(me, clientAddress)));
    }

    /** The servers a user may import from (configured domains, then the operator's migration sources). */
    List<ServerChoice> choices() {
        MigrationSources s = sources.getIfAvailable();
        return s == null ? List.of() : s.choices();
    }

    boolean available() {
        return jobs.getIfAvailable() != null;
    }

    private interface Action {
        Optional<JobView> run() throws MigrationRefused;
    }

    private JobView act(String id, Action action) {
        if (checked(id).isEmpty()) throw MigrationProblem.notFound();
        try {
            return action.run().orElseThrow(MigrationProblem::notFound);
        } catch (MigrationRefused e) {
            throw MigrationProblem.of(e);
        }
    }

    private MigrationJobs service() {
        MigrationJobs service = jobs.getIfAvailable();
        if (service == null) throw MigrationProblem.unavailable();
        return service;
    }

    private static Optional<String> checked(String id) {
        return id.isEmpty() || id.length() > MAX_ID_LENGTH ? Optional.empty() : Optional.of(id);
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}

package org.vaultmail.migrate.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationVerification;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.verify.MailboxVerifier;
import org.vaultmail.migrate.verify.VerifyOptions;

/**
 * {@link MigrationVerification}: the job's folder pairs as its report names them (a {@code \Noselect} or added parent
 * only has to exist), both sides opened with the passwords given, the verifier run read-only. Subscriptions are not
 * compared (the report does not record them); flags the report lists as not settable are left out on both sides. A
 * side may log in with an access token (SASL XOAUTH2) instead of a password: an OAuth source's job holds no grant once
 * it has ended.
 */
final class JobVerifier implements MigrationVerification {

    private static final Logger log = LoggerFactory.getLogger(JobVerifier.class);

    private final MigrationJobs jobs;
    private final ServerResolver servers;
    private final MailLogins logins;

    JobVerifier(MigrationJobs jobs, ServerResolver servers, MailLogins logins) {
        this.jobs = jobs;
        this.servers = servers;
        this.logins = logins;
    }

    @Override
    public Result verify(String id, Login sourceLogin, Login destinationLogin, Requester requester)
            throws MigrationRefused {
        JobView job = jobs.find(id, requester).orElseThrow(() -> new MigrationRefused("not_found", "no job '" + id + "'"));
        if (job.state() != JobState.FINISHED) {
            throw new MigrationRefused("conflict", "only a finished job can be verified; job " + id + " is " + job.state().label());
        }
        if (job.options().dryRun()) throw new MigrationRefused("conflict", "a dry run copied nothing to verify");
        MailServers from = servers.resolve(job.sourceServer()).orElseThrow(() -> unknown(job.sourceServer()));
        MailServers to = servers.resolve(job.destinationServer()).orElseThrow(() -> unknown(job.destinationServer()));
        Set<String> ignored = refusedFlags(job.folders());
        List<FolderPair> pairs = new ArrayList<>();
        for (FolderReport f : job.folders()) pairs.add(new FolderPair(f.source(), f.destination(), null, false, false, selectable(f)));
        try (IMAPStore source = open(from, job.sourceLogin(), sourceLogin, "source");
             IMAPStore destination = open(to, job.destinationLogin(), destinationLogin, "destination")) {
            MailboxVerifier verifier = new MailboxVerifier(VerifyOptions.strict().ignoring(ignored).withoutSubscriptions());
            return new Result(verifier.verify(source, destination, pairs), ignored);
        } catch (MessagingException e) {
            log.info("verifying migration job {} failed: {}", id, e.getClass().getSimpleName());
            throw new MigrationRefused("unreachable", "a server stopped answering while the job was verified ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private IMAPStore open(MailServers servers, String login, Login with, String side) throws MigrationRefused {
        try {
            return (IMAPStore) (with.accessToken() ? logins.openImapWithToken(servers, login, with.secret(), 1)
                    : logins.openImap(servers, login, with.secret()));
        } catch (AuthenticationFailedException e) { // the server's reply may echo the login: not passed on
            if (with.accessToken()) {
                throw new MigrationRefused(side + "_login_failed", "the " + side + " server refused the access token for "
                        + login + " (expired, revoked, or without the IMAP scope)");
            }
            throw new MigrationRefused(side + "_login_failed", "the " + side + " server refused the login of " + login);
        } catch (MessagingException e) {
            throw new MigrationRefused(side + "_unreachable", "the " + side + " server " + servers.imap().host()
                    + " could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A parent with a \Noselect or added note holds no messages: it only has to exist. */
    static boolean selectable(FolderReport f) {
        return f.notes().stream().noneMatch(n -> n.kind() == FolderNote.Kind.NOSELECT_PARENT
                || n.kind() == FolderNote.Kind.PARENT_ADDED);
    }

    static Set<String> refusedFlags(List<FolderReport> folders) {
        Set<String> flags = new TreeSet<>();
        for (FolderReport f : folders) {
            for (FolderNote n : f.notes()) {
                if (n.kind() != FolderNote.Kind.FLAGS_NOT_SETTABLE) continue;
                for (String flag : n.detail().split(",")) if (!flag.isBlank()) flags.add(flag.strip());
            }
        }
        return flags;
    }

    private static MigrationRefused unknown(String server) {
        return new MigrationRefused("unknown_server", "the server '" + server + "' is no longer configured");
    }
}

package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.verify.MailboxVerifier;
import org.vaultmail.migrate.verify.VerifyReport;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.oauth.IssuedTokens;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.testing.oauth.OAuthBrowserlessLogin;
import org.vaultmail.vault.Secret;

/**
 * OAuth migration sources (issue 15 item 4, ADR 0046) against the real Dovecot, which introspects the local
 * authorization server's tokens: the API flow to a finished job (verifier clean, grant deleted), a job that outlives
 * its access tokens, revoked consent as an authentication failure that is not retried, and no token in the job's JSON,
 * its errors, the logs or a database dump. Jobs are run by the test ({@code runHere}), not by a poller, so the
 * revocation lands before the run.
 */
@Tag("dovecot")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthMigrationDovecotTest {

    static final String SRC = "oauth-mig-src@example.test";
    static final String ME = "oauth-mig-dst@example.test";
    static final String ME_PW = "oauth-mig-dst-pass";
    static final Set<String> SCOPES = OAuthScopes.of(org.vaultmail.oauth.ProviderKind.GOOGLE, OAuthPurpose.MIGRATION_SOURCE, List.of());
    static final Pattern JOB = Pattern.compile("/settings/import/([0-9a-f-]{36})");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    MigrationJobs jobs;
    @Autowired
    OAuthGrants grants;
    @Autowired
    OAuthProviders providers;

    static LocalAuthorizationServer as() {
        return LocalAuthorizationServer.shared();
    }

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("vaultmail-oauth-migrate-");
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.migrate.enabled", () -> "false"); // the test runs each job itself
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.migrate.oauth-servers.google", () -> "example.test");
        registry.add("vaultmail.migrate.oauth.connection-max-age", () -> "1s");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = as().providerProperties(LocalAuthorizationServer.GOOGLE);
        google.put("vaultmail.oauth.providers.google.purposes", "migration-source"); // only what this feature needs
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeEach
    void mailboxes() throws Exception {
        wipe(SRC);
        wipe(ME);
        seed(SRC, "INBOX", 30);
        seed(SRC, "Projects", 10);
    }

    @Test
    void theApiFlowEndsInAJobThatCopiesEverythingAndDeletesTheGrant(CapturedOutput output) throws Exception {
        HttpCalls http = new HttpCalls(port);
        String me = token(http, ME, ME_PW);
        assertThat(http.get("/api/v1/migrations/oauth/providers", "Authorization", me).json().findValuesAsString("id"))
                .contains("google");

        Reply started = http.send("POST", "/api/v1/migrations/oauth", HttpCalls.json("provider", "google",
                "options", Map.of("gmailLabels", "first-label")), "Authorization", me);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        URI authorizationUrl = URI.create(started.json().get("authorizationUrl").asString());
        URI callback = OAuthBrowserlessLogin.callbackFor(authorizationUrl, SRC);
        Reply back = http.get(callback.getRawPath() + "?" + callback.getRawQuery(), "Cookie", cookies(started));
        Matcher m = JOB.matcher(back.body());
        assertThat(m.find()).as(back.status() + " " + back.body()).isTrue();
        String id = m.group(1);

        JobView job = jobs.runHere(id, requester(), v -> { });

        assertThat(job.state()).as(String.valueOf(job.error())).isEqualTo(JobState.FINISHED);
        assertThat(job.sourceLogin()).isEqualTo(SRC);
        assertThat(job.progress().copied()).isEqualTo(40);
        assertThat(verify().clean()).isTrue();
        assertThat(job.credentialsHeld()).isFalse();
        assertThat(grantsOf(SRC)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM migration_oauth_drafts").query(Integer.class).single()).isZero();
        Reply json = http.get("/api/v1/migrations/" + id, "Authorization", me);
        assertThat(json.body()).doesNotContain(ME_PW).doesNotContain("access_token").doesNotContain("refresh");
    }

    @Test
    void aJobLongerThanItsTokensLifetimeKeepsGoing(CapturedOutput output) throws Exception {
        long user = userId();
        IssuedTokens issued;
        String firstToken;
        long grant;
        int refreshesBefore = as().tokenRequests("google", "refresh_token");
        // Tokens live 75 s; the grants refresh one with less than a minute left, so every ~15 s a new token replaces
        // the last (the local server then deactivates the old one, unlike Google: a worker that logs in with it is
        // refused once and takes the new one). The job takes about 90 s: longer than any one token lives.
        try (var _ = as().accessTokenTtl(Duration.ofSeconds(75))) {
            issued = as().issueTokens("google", SRC, SCOPES);
            firstToken = issued.accessToken();
            grant = store(user, issued);
            // 40 messages at 0.45 a second; each worker's connections are renewed every second
            JobView created = jobs.createWithGrant("example.test", SRC, grant, destination(),
                    MigrationOptions.defaults().withLimits(0.45, 0), requester());
            JobView job = jobs.runHere(created.id(), requester(), v -> { });

            assertThat(job.state()).as(String.valueOf(job.error())).isEqualTo(JobState.FINISHED);
            assertThat(job.progress().copied()).isEqualTo(40);
            assertThat(Duration.between(job.startedAt(), job.finishedAt())).isGreaterThan(Duration.ofSeconds(75));
        }
        assertThat(as().introspect(firstToken).get("active").asBoolean()).as("the first token is gone").isFalse();
        assertThat(as().tokenRequests("google", "refresh_token") - refreshesBefore).isGreaterThanOrEqualTo(2);
        assertThat(verify().clean()).isTrue();
        assertThat(grantsOf(SRC)).isZero();
        assertNoToken(issued, output);
    }

    @Test
    void revokedConsentFailsTheJobAsAnAuthenticationFailureNotRetried(CapturedOutput output) throws Exception {
        long user = userId();
        IssuedTokens issued = as().issueTokens("google", SRC, SCOPES);
        long grant = store(user, issued);
        JobView created = jobs.createWithGrant("example.test", SRC, grant, destination(), MigrationOptions.defaults(), requester());
        as().revokeAuthorizations(SRC);

        JobView job = jobs.runHere(created.id(), requester(), v -> { });

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).contains("OAuth authorization");
        assertThat(jdbc.sql("SELECT runs FROM migration_jobs WHERE id = ?").param(job.id()).query(Integer.class).single())
                .as("not retried").isEqualTo(1);
        assertThat(grantsOf(SRC)).isZero();
        assertThat(job.credentialsHeld()).isFalse();
        assertNoToken(issued, output);
    }

    private void assertNoToken(IssuedTokens issued, CapturedOutput output) {
        List<String> canaries = new ArrayList<>(List.of(issued.accessToken()));
        if (issued.refreshToken() != null) canaries.add(issued.refreshToken());
        String dump = DatabaseDump.of(dataSource);
        HttpCalls http = new HttpCalls(port);
        String me = token(http, ME, ME_PW);
        String jobs = http.get("/api/v1/migrations", "Authorization", me).body();
        String errors = jdbc.sql("SELECT COALESCE(MAX(reason), '') || COALESCE(MAX(error), '') FROM migration_errors, migration_jobs")
                .query(String.class).optional().orElse("");
        for (String canary : canaries) {
            assertThat(dump).doesNotContain(canary);
            assertThat(output.getAll()).doesNotContain(canary);
            assertThat(jobs).doesNotContain(canary);
            assertThat(errors).doesNotContain(canary);
        }
    }

    private long store(long user, IssuedTokens issued) {
        CompletedAuthorization authorization = new CompletedAuthorization(providers.find("google").orElseThrow(),
                OAuthPurpose.MIGRATION_SOURCE, Map.of(), SRC, SRC, issued.toTokenSet());
        try (authorization) {
            return grants.store(user, authorization);
        }
    }

    private long userId() {
        token(new HttpCalls(port), ME, ME_PW); // signing in creates the user row
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(ME).query(Long.class).single();
    }

    private Requester requester() {
        return Requester.user(userId(), ME, null);
    }

    private static ServerLogin destination() {
        return new ServerLogin("example.test", ME, Secret.ofUtf8(ME_PW));
    }

    private int grantsOf(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM oauth_grants WHERE email = ?").param(email).query(Integer.class).single();
    }

    private static VerifyReport verify() throws MessagingException {
        try (IMAPStore src = store(SRC); IMAPStore dst = store(ME)) {
            return new MailboxVerifier().verify(src, dst, List.of(
                    new FolderPair("INBOX", "INBOX", null, false, false, true),
                    new FolderPair("Projects", "Projects", null, false, false, true)));
        }
    }

    private static String cookies(Reply reply) {
        List<String> out = new ArrayList<>();
        for (String c : reply.headers("Set-Cookie")) out.add(c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
        return String.join("; ", out);
    }

    private static String token(HttpCalls http, String address, String password) {
        Reply r = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "Bearer " + r.json().get("accessToken").asString();
    }

    static IMAPStore store(String address) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", DovecotFixture.IMAP_PORT, address, Mailboxes.password(address));
        return store;
    }

    static void seed(String address, String folder, int n) throws MessagingException {
        try (IMAPStore store = store(address)) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) f.create(Folder.HOLDS_MESSAGES);
            Message[] messages = new Message[n];
            for (int i = 0; i < n; i++) {
                MimeMessage msg = new MimeMessage(Session.getInstance(new Properties()));
                msg.setFrom(new InternetAddress("seed@example.test"));
                msg.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
                msg.setSubject("oauth migration " + folder + " " + i);
                msg.setText("message " + i + " of " + folder + "\r\n");
                msg.saveChanges();
                messages[i] = msg;
            }
            f.appendMessages(messages);
        }
    }

    static void wipe(String address) throws MessagingException {
        Set<String> defaults = Set.of("INBOX", "Drafts", "Sent", "Trash", "Junk");
        try (IMAPStore store = store(address)) {
            List<Folder> all = new ArrayList<>(List.of(store.getDefaultFolder().list("*")));
            all.sort(Comparator.comparingInt((Folder f) -> f.getFullName().length()).reversed());
            for (Folder f : all) {
                if (!defaults.contains(f.getFullName())) {
                    f.delete(true);
                } else if (f.getMessageCount() > 0) {
                    f.open(Folder.READ_WRITE);
                    f.setFlags(1, f.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
                    f.close(true);
                }
            }
        }
    }
}

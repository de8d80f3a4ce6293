package org.vaultmail.admin.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.oauth.IssuedTokens;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.vault.Secret;

/**
 * {@code ./vaultmail migrate verify ID --from-token-file F} for a job whose source was an OAuth mailbox (ADR 0046):
 * the job's grant is gone once it ended, so the operator brings an access token with the IMAP scope, and the verifier
 * logs in to the real Dovecot with SASL XOAUTH2 (introspected at the shared local authorization server). Clean after
 * the copy (exit 0); a token without the IMAP scope is refused (exit 1) and never printed or logged; both files at once
 * is a usage error (64).
 */
@Tag("dovecot")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MigrateVerifyTokenDovecotTest {

    static final String SRC = "oauth-import2@example.test";
    static final String ME = "oauth-import@example.test";
    static final String ME_PW = "oauth-import-pass";
    static final Set<String> IMAP = OAuthScopes.of(ProviderKind.GOOGLE, OAuthPurpose.MIGRATION_SOURCE, List.of());

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;
    @Autowired
    MigrateCommand command;
    @Autowired
    MigrationJobs jobs;
    @Autowired
    OAuthGrants grants;
    @Autowired
    OAuthProviders providers;
    @Autowired
    JdbcClient jdbc;
    final CommandOutput output = new CommandOutput();
    final StringBuilder printed = new StringBuilder();

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        LocalAuthorizationServer.shared();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-verify-token-");
        registry.add("vaultmail.migrate.enabled", () -> "false"); // the test runs the job itself
        registry.add("vaultmail.migrate.oauth-servers.google", () -> "example.test");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = LocalAuthorizationServer.shared().providerProperties(LocalAuthorizationServer.GOOGLE);
        google.put("vaultmail.oauth.providers.google.purposes", "migration-source");
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void aFinishedOAuthSourceJobVerifiesWithAnAccessTokenAndABadTokenIsRefusedUnprinted(CapturedOutput logs) throws Exception {
        empty(SRC, "oauth-import2-pass");
        empty(ME, ME_PW);
        seed(SRC, "oauth-import2-pass", 6);
        String id = finishedOAuthJob();

        IssuedTokens token = LocalAuthorizationServer.shared().issueTokens("google", SRC, IMAP);
        Path tokenFile = file("source.token", token.accessToken());
        Path myPassword = file("me.pass", ME_PW);
        assertThat(migrate("verify", id, "--from-token-file", tokenFile.toString(), "--to-password-file", myPassword.toString()))
                .as(output.err()).isZero();
        assertThat(output.out()).contains("clean");
        assertThat(migrate("verify", id, "--json", "--from-token-file", tokenFile.toString(), "--to-password-file",
                myPassword.toString())).isZero();
        assertThat(output.out()).contains("\"clean\":true").contains("\"sourceCount\":6");

        // a token without the IMAP scope: Dovecot's introspection calls it inactive, the login is refused
        IssuedTokens openIdOnly = LocalAuthorizationServer.shared().issueTokens("google", SRC,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL));
        Path weak = file("weak.token", openIdOnly.accessToken());
        assertThat(migrate("verify", id, "--from-token-file", weak.toString(), "--to-password-file", myPassword.toString()))
                .isEqualTo(1);
        assertThat(output.err()).contains("source_login_failed").contains("access token");

        assertThat(migrate("verify", id, "--from-token-file", tokenFile.toString(), "--from-password-file",
                myPassword.toString(), "--to-password-file", myPassword.toString())).isEqualTo(64);
        assertThat(output.err()).contains("one of --from-password-file and --from-token-file");

        for (String canary : List.of(token.accessToken(), openIdOnly.accessToken(), ME_PW)) {
            assertThat(printed.toString()).doesNotContain(canary);
            assertThat(logs.getAll()).doesNotContain(canary);
        }
    }

    private String finishedOAuthJob() {
        HttpCalls http = new HttpCalls(port);
        ApiTestApp.signIn(http, ME, ME_PW); // creates the user row the grant belongs to
        long user = jdbc.sql("SELECT id FROM users WHERE address = ?").param(ME).query(Long.class).single();
        IssuedTokens issued = LocalAuthorizationServer.shared().issueTokens("google", SRC, IMAP);
        long grant;
        try (CompletedAuthorization a = new CompletedAuthorization(providers.find("google").orElseThrow(),
                OAuthPurpose.MIGRATION_SOURCE, Map.of(), SRC, SRC, issued.toTokenSet())) {
            grant = grants.store(user, a);
        }
        Requester me = Requester.user(user, ME, null);
        try (ServerLogin destination = new ServerLogin("example.test", ME, Secret.ofUtf8(ME_PW))) {
            JobView created = jobs.createWithGrant("example.test", SRC, grant, destination, MigrationOptions.defaults(), me);
            JobView done = jobs.runHere(created.id(), me, v -> { });
            assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(JobState.FINISHED);
            assertThat(done.progress().copied()).isEqualTo(6);
            return done.id();
        } catch (org.vaultmail.migrate.MigrationRefused e) {
            throw new AssertionError(e.code(), e);
        }
    }

    private int migrate(String... args) {
        CommandOutput.Streams io = output.next();
        int exit = command.run(List.of(args), io.out(), io.err(), Terminal.none());
        printed.append(output.out()).append(output.err());
        return exit;
    }

    private static Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static Store store(String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, user, password);
        return store;
    }

    private static void seed(String user, String password, int n) throws MessagingException {
        try (Store store = store(user, password)) {
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(new InternetAddress("sender@example.test"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(user));
                m.setSubject("verify with a token " + i);
                m.setText("Message " + i + "\n");
                m.saveChanges();
                messages.add(m);
            }
            store.getFolder("INBOX").appendMessages(messages.toArray(Message[]::new));
        }
    }

    private static void empty(String user, String password) throws MessagingException {
        Set<String> keep = Set.of("INBOX", "Drafts", "Sent", "Trash", "Junk");
        try (Store store = store(user, password)) {
            List<Folder> all = new ArrayList<>(List.of(store.getDefaultFolder().list("*")));
            all.sort(Comparator.comparingInt((Folder f) -> f.getFullName().length()).reversed());
            for (Folder f : all) {
                if (!keep.contains(f.getFullName())) {
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

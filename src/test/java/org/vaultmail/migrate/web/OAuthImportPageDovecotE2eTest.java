package org.vaultmail.migrate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;

/**
 * The import page's OAuth path in a real Chromium (issue 15 item 4, ADR 0046): a user signed in with their password
 * clicks "Import from Google", signs in on the local authorization server's login page, and comes back to the job's
 * page, where the job (queued by the callback, run by the runner) copies the seeded source mailbox from the real
 * Dovecot over XOAUTH2 (Dovecot introspects the shared server on 127.0.0.1:9000) and the report shows it. Then what a
 * user can get wrong: cancelling at the provider, denying the request, granting less than IMAP access, and connecting
 * the very account they are signed in with. Each ends on the import page with a clear message, no job and no grant
 * held. "Microsoft" is a private authorization server (its deny control is this code's, whoever runs port 9000).
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthImportPageDovecotE2eTest {

    static final String ME = "oauth-import@example.test";
    static final String ME_PW = "oauth-import-pass";
    static final String SRC = "oauth-import2@example.test";
    static final String SRC_PW = "oauth-import2-pass";
    static final int IN_INBOX = 9;
    static final int IN_PROJECTS = 4;
    static final List<String> KEEP = List.of("INBOX", "Drafts", "Sent", "Trash", "Junk");

    static LocalAuthorizationServer microsoft;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        LocalAuthorizationServer.shared();
    }

    @AfterAll
    static void stopPrivateServer() {
        if (microsoft != null) microsoft.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("vaultmail-oauth-import-e2e-");
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "true"); // the job runner runs the queued job
        registry.add("vaultmail.migrate.enabled", () -> "true");
        registry.add("vaultmail.migrate.poll-interval", () -> "500ms");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.migrate.oauth-servers.google", () -> "example.test");
        registry.add("vaultmail.migrate.oauth-servers.microsoft", () -> "example.test");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = LocalAuthorizationServer.shared().providerProperties(LocalAuthorizationServer.GOOGLE);
        google.put("vaultmail.oauth.providers.google.purposes", "migration-source");
        google.forEach((k, v) -> registry.add(k, () -> v));
        microsoft = LocalAuthorizationServer.start();
        Map<String, String> ms = microsoft.providerProperties(LocalAuthorizationServer.MICROSOFT);
        ms.put("vaultmail.oauth.providers.microsoft.purposes", "migration-source");
        ms.forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeEach
    void mailboxes() throws Exception {
        LocalAuthorizationServer.shared(); // served again if the test JVM that ran it has exited meanwhile
        empty(ME, ME_PW);
        empty(SRC, SRC_PW);
        seed();
        jdbc.sql("DELETE FROM migration_oauth_drafts").update(); // an abandoned one expires on its own; tests count theirs
    }

    @Test
    void importFromGoogleThroughTheProvidersLoginPageCopiesEverythingAndShowsTheReport() throws Exception {
        WebDriver page = importPage();
        assertThat(page.findElements(By.cssSelector("form.oauth-start"))).hasSize(2);

        startWith(page, "google");
        signInAtProvider(page, SRC);

        Browser.waitUpTo(page, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("progress-panel")));
        assertThat(page.getCurrentUrl()).matches(base() + "/settings/import/[0-9a-f-]{36}");
        assertThat(page.findElement(By.id("job-who")).getText()).contains(SRC).contains(ME);
        browser.browser().screenshot("oauth-import-started");
        Browser.waitUpTo(page, Duration.ofSeconds(120)).until(d -> {
            String state = text(d, "state");
            assertThat(state).as("the job ended otherwise: " + text(d, "job-error")).isNotIn("Failed", "Cancelled");
            return state.equals("Finished");
        });
        browser.browser().screenshot("oauth-import-finished");

        int all = IN_INBOX + IN_PROJECTS;
        assertThat(page.findElement(By.id("bar")).getAttribute("value")).isEqualTo("100");
        assertThat(text(page, "messages-done")).isEqualTo(all + " of " + all);
        List<String> copied = page.findElements(By.cssSelector("#report tr.folder td.copied")).stream().map(e -> e.getText()).toList();
        assertThat(copied.stream().mapToLong(Long::parseLong).sum()).isEqualTo(all);
        assertThat(count(ME, ME_PW, "INBOX")).isEqualTo(IN_INBOX);
        assertThat(count(ME, ME_PW, "Projects")).isEqualTo(IN_PROJECTS);
        assertThat(count(SRC, SRC_PW, "INBOX")).as("the source is unchanged").isEqualTo(IN_INBOX);
        // the ending UPDATE comes first (the page shows Finished), the grant's deletion right after it
        Await.until("the job's grant deleted after it ended", Duration.ofSeconds(10), () -> grants() == 0);
        assertThat(drafts()).isZero();

        page.findElement(By.id("back")).click();
        assertThat(page.findElement(By.cssSelector("#jobs tr.job")).getAttribute("data-state")).isEqualTo("finished");
    }

    @Test
    void cancellingAtTheProviderLeavesNothingBehindAndTheNextStartWorks() throws Exception {
        WebDriver page = importPage();
        int jobsBefore = jobs();
        startWith(page, "google");
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));

        page.navigate().back(); // the user changes their mind on the provider's page
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("oauth-import")));
        page.navigate().refresh();
        assertThat(page.findElements(By.id("oauth-problem"))).isEmpty();
        assertThat(jobs()).isEqualTo(jobsBefore);
        assertThat(grants()).isZero();
        assertThat(drafts()).as("the abandoned draft waits for its expiry (15 min), then the runner sweeps it").isEqualTo(1);

        startWith(page, "google");
        signInAtProvider(page, SRC);
        Browser.waitUpTo(page, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("progress-panel")));
        assertThat(page.findElement(By.id("job-who")).getText()).contains(SRC);
        Browser.waitUpTo(page, Duration.ofSeconds(120)).until(d -> text(d, "state").equals("Finished"));
        assertThat(count(ME, ME_PW, "INBOX")).isEqualTo(IN_INBOX);
        Await.until("the job's grant deleted after it ended", Duration.ofSeconds(10), () -> grants() == 0);
    }

    @Test
    void denyingAtTheProviderSaysSoAndKeepsNothing() {
        WebDriver page = importPage();
        int jobsBefore = jobs();
        microsoft.denyNext(SRC);
        startWith(page, "microsoft");
        signInAtProvider(page, SRC);

        String problem = problemOnImportPage(page);
        assertThat(problem).contains("You did not allow the access");
        assertThat(drafts()).as("the draft with the sealed login is deleted at once").isZero();
        assertThat(grants()).isZero();
        assertThat(jobs()).isEqualTo(jobsBefore);
    }

    @Test
    void grantingLessThanImapAccessSaysWhatIsMissing() {
        WebDriver page = importPage();
        LocalAuthorizationServer.shared().grantOnly(SRC, Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL));
        startWith(page, "google");
        signInAtProvider(page, SRC);

        assertThat(problemOnImportPage(page)).contains("granted less access than an import needs");
        assertThat(grants()).isZero();
        assertThat(drafts()).isZero();
    }

    @Test
    void connectingTheAccountYouAreSignedInWithIsRefusedClearly() throws Exception {
        WebDriver page = importPage();
        int jobsBefore = jobs();
        startWith(page, "google");
        signInAtProvider(page, ME); // the browser was signed in at the provider with the user's own account

        assertThat(problemOnImportPage(page)).contains("the mailbox you are signed in with");
        assertThat(jobs()).as("no job").isEqualTo(jobsBefore);
        assertThat(grants()).as("the grant of the refused import is deleted").isZero();
        assertThat(drafts()).isZero();
        assertThat(count(ME, ME_PW, "INBOX")).isZero();
    }

    // ---- steps

    private String base() {
        // 127.0.0.1, not localhost: the authorization server takes loopback redirect URIs by address (RFC 8252)
        return "http://127.0.0.1:" + port;
    }

    /** Signs in with the password and opens the import page through the top bar's link. */
    private WebDriver importPage() {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(ME);
        page.findElement(By.id("password")).sendKeys(ME_PW);
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("settings-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("import-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("oauth-import")));
        return page;
    }

    private static void startWith(WebDriver page, String provider) {
        page.findElement(By.cssSelector("form.oauth-start[data-provider='" + provider + "'] button.oauth-provider")).click();
    }

    private static void signInAtProvider(WebDriver page, String user) {
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        page.findElement(By.id("username")).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(LocalAuthorizationServer.password(user));
        page.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private String problemOnImportPage(WebDriver page) {
        Browser.waitUpTo(page, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("oauth-problem")));
        assertThat(page.getCurrentUrl()).startsWith(base() + "/settings/import");
        browser.browser().screenshot("oauth-import-problem");
        return page.findElement(By.id("oauth-problem")).getText();
    }

    private int grants() {
        return jdbc.sql("SELECT COUNT(*) FROM oauth_grants").query(Integer.class).single();
    }

    private int jobs() {
        return jdbc.sql("SELECT COUNT(*) FROM migration_jobs").query(Integer.class).single();
    }

    private int drafts() {
        return jdbc.sql("SELECT COUNT(*) FROM migration_oauth_drafts").query(Integer.class).single();
    }

    // ---- the mailboxes, through IMAP with password logins

    private static void seed() throws MessagingException {
        Session session = Session.getInstance(new Properties());
        try (Store store = store(SRC, SRC_PW)) {
            append(session, store.getFolder("INBOX"), "inbox", IN_INBOX);
            Folder projects = store.getFolder("Projects");
            if (!projects.exists()) projects.create(Folder.HOLDS_MESSAGES);
            append(session, projects, "projects", IN_PROJECTS);
        }
    }

    private static void append(Session session, Folder folder, String what, int n) throws MessagingException {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("sender@example.test"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(SRC));
            m.setSubject("oauth import e2e " + what + " " + i);
            m.setText("Message " + i + " of the OAuth import E2E test.\n");
            m.saveChanges();
            messages.add(m);
        }
        folder.appendMessages(messages.toArray(Message[]::new));
    }

    /** Deletes every message, and every folder but those the server creates for each account. */
    private static void empty(String user, String password) throws MessagingException {
        try (Store store = store(user, password)) {
            List<Folder> all = new ArrayList<>(List.of(store.getDefaultFolder().list("*")));
            all.sort((a, b) -> b.getFullName().length() - a.getFullName().length()); // children first
            for (Folder f : all) {
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    f.open(Folder.READ_WRITE);
                    for (Message m : f.getMessages()) m.setFlag(Flags.Flag.DELETED, true);
                    f.close(true);
                }
                if (!KEEP.contains(f.getFullName())) f.delete(true);
            }
        }
    }

    private static int count(String user, String password, String folder) throws MessagingException {
        try (Store store = store(user, password)) {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : -1;
        }
    }

    private static Store store(String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, user, password);
        return store;
    }

    private static String text(WebDriver d, String id) {
        try {
            return d.findElement(By.id(id)).getText();
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return "";
        }
    }
}

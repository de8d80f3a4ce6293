package org.vaultmail.migrate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;

/**
 * Issue 14's E2E with the real engine and jobs service: mig-web signs in (main Dovecot), imports its own account on the
 * second Dovecot (an operator's migration source at 127.0.0.1:2143, prefix {@code INBOX.}) and watches the progress bar
 * to the end; the report and the destination's counts agree. Both sides are emptied before and after.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportDovecotE2eTest {

    static final String USER = "mig-web@example.test";
    static final String PASSWORD = "mig-web-pass";
    static final int SOURCE_PORT = 2143;
    static final String SOURCE_NAME = "second-e2e";
    static final int IN_INBOX = 12;
    static final int IN_ARCHIVE = 5;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectProvider<MigrationJobs> jobs;

    /** The folders the servers create for every account: emptied, never deleted. */
    static final List<String> KEEP = List.of("INBOX", "Drafts", "Sent", "Trash", "Junk", "INBOX.Drafts", "INBOX.Sent",
            "INBOX.Trash", "INBOX.Junk");

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("vaultmail-import-e2e-");
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "true"); // the job runner must run here
        registry.add("vaultmail.migrate.enabled", () -> "true");
        registry.add("vaultmail.migrate.poll-interval", () -> "500ms");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @BeforeEach
    void emptySidesAndASource() throws Exception {
        Assumptions.assumeTrue(jobs.getIfAvailable() != null, "the jobs service (org.vaultmail.migrate.jobs) is not merged yet");
        empty(SOURCE_PORT);
        empty(DovecotFixture.IMAP_PORT);
        jdbc.sql("DELETE FROM migration_sources WHERE name = ?").param(SOURCE_NAME).update();
        jdbc.sql("INSERT INTO migration_sources (name, host, port, security, trust_store, created_at, created_by) "
                        + "VALUES (?, '127.0.0.1', ?, 'plain', NULL, ?, 'operator:e2e')")
                .params(SOURCE_NAME, SOURCE_PORT, OffsetDateTime.now()).update();
        seedSource();
    }

    @AfterEach
    void emptyBothSides() throws Exception {
        if (jobs.getIfAvailable() == null) return;
        empty(SOURCE_PORT);
        empty(DovecotFixture.IMAP_PORT);
        jdbc.sql("DELETE FROM migration_sources WHERE name = ?").param(SOURCE_NAME).update();
    }

    @Test
    void aUserImportsFromTheSecondServerAndWatchesTheBarToTheEnd() throws Exception {
        WebDriver page = browser.browser().open("http://localhost:" + port + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(USER);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("settings-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("import-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("import")));

        new Select(page.findElement(By.id("server"))).selectByValue(SOURCE_NAME);
        page.findElement(By.id("login")).sendKeys(USER);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("start")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("progress-panel")));
        browser.browser().screenshot("import-dovecot-started");

        Browser.waitUpTo(page, Duration.ofSeconds(120)).until(d -> {
            String state = text(d, "state");
            assertThat(state).as("the job ended otherwise: " + text(d, "job-error")).isNotIn("Failed", "Cancelled");
            return state.equals("Finished");
        });
        browser.browser().screenshot("import-dovecot-finished");
        assertThat(page.findElement(By.id("bar")).getAttribute("value")).isEqualTo("100");
        assertThat(text(page, "messages-done")).isEqualTo((IN_INBOX + IN_ARCHIVE) + " of " + (IN_INBOX + IN_ARCHIVE));
        List<String> copied = page.findElements(By.cssSelector("#report tr.folder td.copied")).stream().map(e -> e.getText()).toList();
        assertThat(copied.stream().mapToLong(Long::parseLong).sum()).isEqualTo(IN_INBOX + IN_ARCHIVE);
        assertThat(page.getPageSource()).doesNotContain(PASSWORD);
        assertThat(count(DovecotFixture.IMAP_PORT, "INBOX")).isEqualTo(IN_INBOX);
        assertThat(count(DovecotFixture.IMAP_PORT, "Archive")).isEqualTo(IN_ARCHIVE);
    }

    private void seedSource() throws MessagingException {
        Session session = Session.getInstance(new Properties());
        try (Store store = store(SOURCE_PORT)) {
            append(session, store.getFolder("INBOX"), "inbox", IN_INBOX);
            Folder archive = store.getFolder("INBOX.Archive");
            if (!archive.exists()) archive.create(Folder.HOLDS_MESSAGES);
            append(session, archive, "archive", IN_ARCHIVE);
        }
    }

    private static void append(Session session, Folder folder, String what, int n) throws MessagingException {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("sender@example.test"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
            m.setSubject("import e2e " + what + " " + i);
            m.setText("Message " + i + " of the import E2E test.\n");
            m.saveChanges();
            messages.add(m);
        }
        folder.appendMessages(messages.toArray(Message[]::new));
    }

    /** Deletes every message, and every folder but those the server creates for each account. */
    private static void empty(int port) throws MessagingException {
        try (Store store = store(port)) {
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

    private static int count(int port, String folder) throws MessagingException {
        try (Store store = store(port)) {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : -1;
        }
    }

    private static Store store(int port) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(DovecotFixture.HOST, port, USER, PASSWORD);
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

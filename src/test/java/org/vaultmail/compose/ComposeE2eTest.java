package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vaultmail.testing.Browser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;

/**
 * The composer in a real Chromium (strict CSP): write with a file, autosave, reload, continue, send with the undo
 * toast, the recipient gets it intact over IMAP; undo keeps the draft; reply and forward from the reading pane;
 * address suggestions; a file over the limit is refused before upload.
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeE2eTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ME = "ui-" + SUFFIX + "@example.test";
    static final String PASSWORD = "ui-pass-" + SUFFIX;
    static final String BOB = "bob-" + SUFFIX + "@example.test";
    static final String BOB_PASSWORD = "bob-pass-" + SUFFIX;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("vaultmail-compose-e2e-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.compose.undo-delay", () -> "2s");
        registry.add("vaultmail.compose.max-attachment-size", () -> "200KB");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @BeforeAll
    void users() throws Exception {
        MAIL.createUser(ME, PASSWORD);
        MAIL.createUser(BOB, BOB_PASSWORD);
        try (Store store = MAIL.imap(ME, PASSWORD)) {
            for (String name : List.of("Drafts", "Sent")) store.getFolder(name).create(Folder.HOLDS_MESSAGES);
        }
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    String base() {
        return "http://localhost:" + port;
    }

    WebDriver signIn() {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(ME);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("submit")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("compose-new")));
        return page;
    }

    static WebDriverWait await(WebDriver page) {
        return Browser.waitUpTo(page, Duration.ofSeconds(20));
    }

    static void waitSaved(WebDriver page) {
        await(page).until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
    }

    @Test
    void writeWithAFileAutosaveReloadContinueAndSendThenBobHasItIntact() throws Exception {
        WebDriver page = signIn();
        page.findElement(By.id("compose-new")).click();
        await(page).until(ExpectedConditions.urlToBe(base() + "/compose"));
        page.findElement(By.id("compose-to")).sendKeys("Bob Example <" + BOB + ">", Keys.ENTER);
        assertThat(page.findElements(By.cssSelector("#chips-to .chip"))).hasSize(1);
        String subject = "Grüße aus dem Browser " + SUFFIX;
        page.findElement(By.id("compose-subject")).sendKeys(subject);
        page.findElement(By.id("compose-text")).sendKeys("Hallo Bob,\n\nthe **plan** is attached.");
        Path file = Files.createTempFile("plan-", ".bin");
        byte[] bytes = new byte[50_000];
        new java.util.Random(3).nextBytes(bytes);
        Files.write(file, bytes);
        page.findElement(By.id("compose-files")).sendKeys(file.toString());
        await(page).until(d -> d.findElements(By.cssSelector("#compose-attachments li.saved")).size() == 1);
        waitSaved(page);
        assertThat(page.getCurrentUrl()).contains("/compose?draft=");
        browser.browser().screenshot("compose-written");

        page.navigate().refresh(); // nothing unsaved: no beforeunload prompt
        await(page).until(d -> d.findElements(By.cssSelector("#chips-to .chip")).size() == 1);
        waitSaved(page);
        assertThat(page.findElement(By.id("compose-subject")).getAttribute("value")).isEqualTo(subject);
        WebElement text = page.findElement(By.id("compose-text"));
        assertThat(text.getAttribute("value")).contains("the **plan** is attached.");
        assertThat(page.findElement(By.cssSelector("#compose-attachments li.saved .file-name")).getText()).isEqualTo(file.getFileName().toString());
        text.sendKeys(Keys.CONTROL, Keys.END);
        text.sendKeys("\n\nContinued after a reload.");
        page.findElement(By.id("compose-send")).click();
        await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("send-toast")));
        await(page).until(ExpectedConditions.urlContains("/mail"));

        MimeMessage got = ComposeApiTest.received(MAIL, BOB, BOB_PASSWORD, "INBOX", "Browser " + SUFFIX);
        assertThat(got.getSubject()).isEqualTo(subject);
        Multipart mixed = (Multipart) got.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Continued after a reload.");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<strong>plan</strong>");
        Part attached = mixed.getBodyPart(1);
        assertThat(attached.getFileName()).isEqualTo(file.getFileName().toString());
        try (InputStream in = attached.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(ComposeApiTest.count(MAIL, ME, PASSWORD, "Drafts", "Browser " + SUFFIX)).isZero();
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void undoKeepsTheDraftAndATooLargeFileIsRefusedBeforeUpload() throws Exception {
        WebDriver page = signIn();
        page.navigate().to(base() + "/compose");
        page.findElement(By.id("compose-to")).sendKeys(BOB, Keys.ENTER);
        String subject = "Undone " + SUFFIX;
        page.findElement(By.id("compose-subject")).sendKeys(subject);
        page.findElement(By.id("compose-text")).sendKeys("Not yet.");
        Path big = Files.createTempFile("big-", ".bin");
        Files.write(big, new byte[300_000]);
        page.findElement(By.id("compose-files")).sendKeys(big.toString());
        WebElement error = await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-attachments")));
        assertThat(error.getText()).contains(big.getFileName().toString()).contains("too large");
        page.findElement(By.id("compose-send")).click();
        await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("undo-send"))).click();
        WebElement cancelled = await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("compose-error")));
        assertThat(cancelled.getText()).contains("cancelled");
        assertThat(page.getCurrentUrl()).contains("/compose?draft=");
        Thread.sleep(2500); // past the undo delay: a send that was not cancelled would have arrived
        assertThat(ComposeApiTest.count(MAIL, BOB, BOB_PASSWORD, "INBOX", subject)).isZero();
        assertThat(ComposeApiTest.count(MAIL, ME, PASSWORD, "Drafts", subject)).isEqualTo(1);
        assertThat(severeConsoleErrors(page)).isEmpty();

        // reopened from the Drafts folder, it continues in the composer
        long uid = ComposeApiTest.uidOf(MAIL, ME, PASSWORD, "Drafts", subject);
        page.navigate().to(base() + "/mail/Drafts/" + uid);
        await(page).until(ExpectedConditions.elementToBeClickable(By.id("continue-draft"))).click();
        await(page).until(d -> subject.equals(d.findElement(By.id("compose-subject")).getAttribute("value")));
        assertThat(page.findElement(By.id("compose-text")).getAttribute("value")).contains("Not yet.");
    }

    @Test
    void replyAndForwardFromTheReadingPaneAndSuggestionsFromEarlierMail() throws Exception {
        String subject = "Lunch plans " + SUFFIX;
        String raw = "From: Bob <" + BOB + ">\r\nTo: " + ME + "\r\nSubject: " + subject + "\r\nMessage-ID: <lunch-" + SUFFIX
                + "@example.test>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nNoon at the usual place?\r\n";
        MAIL.deliver(new MimeMessage(null, new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
            @Override
            protected void updateMessageID() {
            }
        });
        long uid = ComposeApiTest.uidOf(MAIL, ME, PASSWORD, "INBOX", subject);
        WebDriver page = signIn();
        page.navigate().to(base() + "/mail/INBOX/" + uid);
        await(page).until(ExpectedConditions.elementToBeClickable(By.id("start-reply"))).click();
        await(page).until(ExpectedConditions.urlContains("/compose?draft="));
        await(page).until(d -> d.findElements(By.cssSelector("#chips-to .chip")).size() == 1);
        assertThat(page.findElement(By.cssSelector("#chips-to .chip")).getAttribute("data-value")).contains(BOB);
        assertThat(page.findElement(By.id("compose-subject")).getAttribute("value")).isEqualTo("Re: " + subject);
        assertThat(page.findElement(By.id("compose-text")).getAttribute("value")).contains("> Noon at the usual place?");
        WebElement text = page.findElement(By.id("compose-text"));
        text.sendKeys(Keys.CONTROL, Keys.HOME);
        text.sendKeys("Yes, see you there.");
        page.findElement(By.id("compose-send")).click();
        await(page).until(ExpectedConditions.urlContains("/mail"));
        MimeMessage reply = ComposeApiTest.received(MAIL, BOB, BOB_PASSWORD, "INBOX", "Re: " + subject);
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<lunch-" + SUFFIX + "@example.test>");
        assertThat(reply.getHeader("References")[0]).contains("<lunch-" + SUFFIX + "@example.test>");
        assertThat(ComposeApiTest.received(MAIL, ME, PASSWORD, "INBOX", subject).getFlags().contains(Flags.Flag.ANSWERED)).isTrue();

        page.navigate().to(base() + "/mail/INBOX/" + uid);
        await(page).until(ExpectedConditions.elementToBeClickable(By.id("start-forward"))).click();
        await(page).until(ExpectedConditions.urlContains("/compose?draft="));
        await(page).until(d -> "Fwd: ".concat(subject).equals(d.findElement(By.id("compose-subject")).getAttribute("value")));
        WebElement to = page.findElement(By.id("compose-to"));
        to.sendKeys("bob-" + SUFFIX.substring(0, 4));
        WebElement suggestion = await(page).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggest-to li")));
        assertThat(suggestion.getText()).contains(BOB);
        suggestion.click();
        await(page).until(d -> d.findElements(By.cssSelector("#chips-to .chip")).size() == 1);
        page.findElement(By.id("compose-send")).click();
        await(page).until(ExpectedConditions.urlContains("/mail"));
        MimeMessage forward = ComposeApiTest.received(MAIL, BOB, BOB_PASSWORD, "INBOX", "Fwd: " + subject);
        assertThat(((Multipart) forward.getContent()).getBodyPart(0).getContent().toString()).contains("Noon at the usual place?");
        assertThat(ComposeApiTest.received(MAIL, ME, PASSWORD, "INBOX", subject).getFlags().contains("$Forwarded")).isTrue();
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void identitiesPageSetsTheNameAndSignatureTheComposerUses() throws Exception {
        WebDriver page = signIn();
        page.navigate().to(base() + "/settings/identities");
        WebElement name = page.findElement(By.id("name-0"));
        name.clear();
        name.sendKeys("Üli Writer");
        page.findElement(By.id("signature-0")).sendKeys("Üli\nVaultmail team");
        page.findElement(By.id("save-0")).click();
        await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("saved")));
        page.navigate().to(base() + "/compose");
        assertThat(page.findElement(By.id("compose-from")).getText()).contains("Üli Writer <" + ME + ">");
        assertThat(page.findElement(By.id("compose-text")).getAttribute("value")).isEqualTo("\n\n-- \nÜli\nVaultmail team");
        // focus as Tab does (keeps the caret the composer set); chromedriver's sendKeys would move it to the end
        ((org.openqa.selenium.JavascriptExecutor) page).executeScript("document.getElementById('compose-text').focus()");
        new org.openqa.selenium.interactions.Actions(page).sendKeys("Body first").perform();
        assertThat(page.findElement(By.id("compose-text")).getAttribute("value")).isEqualTo("Body first\n\n-- \nÜli\nVaultmail team");
        page.findElement(By.id("compose-to")).sendKeys(BOB, Keys.ENTER);
        page.findElement(By.id("compose-subject")).sendKeys("Signed " + SUFFIX);
        page.findElement(By.id("compose-send")).click();
        await(page).until(ExpectedConditions.urlContains("/mail"));
        MimeMessage got = ComposeApiTest.received(MAIL, BOB, BOB_PASSWORD, "INBOX", "Signed " + SUFFIX);
        assertThat(((jakarta.mail.internet.InternetAddress) got.getFrom()[0]).getPersonal()).isEqualTo("Üli Writer");
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void aDraftDeletedElsewhereIsSavedAgainAsANewOne() throws Exception {
        WebDriver page = signIn();
        page.navigate().to(base() + "/compose");
        page.findElement(By.id("compose-to")).sendKeys(BOB, Keys.ENTER);
        String subject = "Orphan " + SUFFIX;
        page.findElement(By.id("compose-subject")).sendKeys(subject);
        WebElement text = page.findElement(By.id("compose-text"));
        text.sendKeys(Keys.CONTROL, Keys.HOME);
        text.sendKeys("first");
        waitSaved(page);
        try (Store store = MAIL.imap(ME, PASSWORD)) { // another client deletes it
            Folder drafts = store.getFolder("Drafts");
            drafts.open(Folder.READ_WRITE);
            for (jakarta.mail.Message m : drafts.search(new jakarta.mail.search.SubjectTerm(subject))) m.setFlag(Flags.Flag.DELETED, true);
            drafts.close(true);
        }
        text.sendKeys(Keys.CONTROL, Keys.HOME);
        text.sendKeys("then more ");
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(d -> {
            try {
                return ComposeApiTest.count(MAIL, ME, PASSWORD, "Drafts", subject) == 1;
            } catch (Exception e) {
                return false;
            }
        });
        MimeMessage draft = ComposeApiTest.received(MAIL, ME, PASSWORD, "Drafts", subject);
        assertThat(((Multipart) draft.getContent()).getBodyPart(0).getContent().toString()).startsWith("then more first");
        waitSaved(page);
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    static List<String> severeConsoleErrors(WebDriver page) {
        return page.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("/api/v1/events"))
                .filter(m -> !m.matches(".*/api/v1/drafts/\\d+ - Failed to load resource: the server responded with a status of 404.*")) // deleted elsewhere
                .filter(m -> !m.matches(".*/compose/send - Failed to load resource: the server responded with a status of 409.*")) // undo (ADR 0057)
                .filter(m -> !m.contains("Response Status Error Code 409 from /compose/send")) // htmx logs the same 409
                .toList();
    }
}

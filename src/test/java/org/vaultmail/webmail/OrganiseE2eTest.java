package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/**
 * Organising in a real Chromium, as a user of its own (the demo mailbox stays as the reading tests expect it):
 * shift-click selection and mark read, delete with undo, drag a row onto a folder, keyboard select and archive.
 * Every result is checked over IMAP too.
 */
@Tag("e2e")
class OrganiseE2eTest extends WebmailTestSupport {

    static final String PASSWORD = "organise-e2e-pw";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    private String base() {
        return "http://localhost:" + port;
    }

    private String newUser() throws MessagingException {
        String address = "org-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.test";
        MAIL.createUser(address, PASSWORD);
        MAIL.seed(address, "INBOX", 8);
        try (Store store = MAIL.imap(address, PASSWORD)) {
            for (String name : List.of("Trash", "Archive", "Target")) store.getFolder(name).create(Folder.HOLDS_MESSAGES);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.setFlags(inbox.getMessages(), new Flags(Flags.Flag.SEEN), false); // all unread to start with
            inbox.close(false);
        }
        return address;
    }

    private WebDriver signIn(String address) {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("submit")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("message-list")));
        return page;
    }

    @Test
    void shiftClickSelectsARangeThatIsMarkedReadThenDeleteIsUndone() throws MessagingException {
        String address = newUser();
        WebDriver page = signIn(address);
        assertThat(rows(page)).hasSize(8);
        box(page, 0).click();
        new Actions(page).keyDown(Keys.SHIFT).click(box(page, 2)).keyUp(Keys.SHIFT).perform();
        await(page).until(ExpectedConditions.textToBe(By.id("selection-count"), "3 selected"));
        page.findElement(By.cssSelector("#bulk-bar button[data-bulk='seen']")).click();
        await(page).until(d -> rows(d).stream().filter(r -> !r.getAttribute("class").contains("is-unread")).count() == 3);
        assertThat(count(address, "INBOX", true)).isEqualTo(3);
        browser.browser().screenshot("organise-selection");

        page.findElement(By.cssSelector("#bulk-bar button[data-bulk='unseen']")).click(); // still selected
        await(page).until(d -> rows(d).stream().allMatch(r -> r.getAttribute("class").contains("is-unread")));

        String uid = rows(page).get(1).getAttribute("data-uid");
        ((JavascriptExecutor) page).executeScript("document.querySelectorAll('#message-list .row-select').forEach(c => c.checked = false)");
        box(page, 1).click();
        page.findElement(By.cssSelector("#bulk-bar button[data-bulk='delete']")).click();
        await(page).until(d -> rows(d).size() == 7);
        assertThat(page.findElements(By.cssSelector("#message-list .message-row[data-uid='" + uid + "']"))).isEmpty();
        WebElement undo = await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("undo-button")));
        assertThat(count(address, "Trash", false)).isEqualTo(1);
        browser.browser().screenshot("organise-undo");
        undo.click();
        await(page).until(d -> rows(d).size() == 8);
        assertThat(count(address, "Trash", false)).isZero();
        assertThat(count(address, "INBOX", false)).isEqualTo(8);
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void aRowDraggedOntoAFolderMovesThereAndKeysSelectAndArchive() throws MessagingException {
        String address = newUser();
        WebDriver page = signIn(address);
        WebElement row = rows(page).get(0);
        WebElement target = page.findElement(By.cssSelector("#folder-pane .folder-link[data-folder='Target']"));
        // Selenium cannot drive HTML5 drag and drop in Chromium: the same events, dispatched as the browser would
        ((JavascriptExecutor) page).executeScript("""
                const [row, target] = arguments; const dt = new DataTransfer();
                row.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));
                target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
                target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
                row.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));""", row, target);
        await(page).until(d -> rows(d).size() == 7);
        assertThat(count(address, "Target", false)).isEqualTo(1);
        await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("undo-button")));

        new Actions(page).sendKeys("j").sendKeys("j").sendKeys("x").perform();
        await(page).until(ExpectedConditions.textToBe(By.id("selection-count"), "1 selected"));
        new Actions(page).sendKeys("e").perform();
        await(page).until(d -> rows(d).size() == 6);
        assertThat(count(address, "Archive", false)).isEqualTo(1);

        new Actions(page).sendKeys("j").sendKeys("#").perform(); // the cursor row, nothing selected
        await(page).until(d -> rows(d).size() == 5);
        assertThat(count(address, "Trash", false)).isEqualTo(1);
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void selectAllInTheFolderCoversPagesNeverLoadedAndRunsAsAJob() throws MessagingException {
        String address = newUser();
        MAIL.seed(address, "INBOX", 600); // 608 in all: more than one job chunk, twelve pages
        WebDriver page = signIn(address);
        assertThat(rows(page)).hasSize(50);
        page.findElement(By.id("select-page")).click();
        WebElement all = await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("select-all-folder")));
        assertThat(all.getText()).contains("608");
        all.click();
        await(page).until(ExpectedConditions.textToBe(By.id("selection-count"), "608 selected"));
        page.findElement(By.cssSelector("#bulk-bar button[data-bulk='seen']")).click();
        await(page).until(d -> {
            try {
                return count(address, "INBOX", true) == 608;
            } catch (MessagingException e) {
                return false;
            }
        });
        await(page).until(ExpectedConditions.invisibilityOfElementLocated(By.id("bulk-progress")));
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void theReadingPaneMovesAndTrashIsEmptiedAfterAConfirmation() throws MessagingException {
        String address = newUser();
        WebDriver page = signIn(address);
        rows(page).get(0).findElement(By.cssSelector(".row-link")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        String first = rows(page).get(0).getAttribute("data-uid");
        page.findElement(By.id("toggle-flag")).click();
        await(page).until(d -> !d.findElements(By.cssSelector("#message-list .message-row[data-uid='" + first + "'] .marker.flagged")).isEmpty());
        assertThat(page.findElements(By.id("message"))).hasSize(1); // still open
        page.findElement(By.id("toggle-flag")).click();
        await(page).until(d -> d.findElements(By.cssSelector("#message-list .message-row[data-uid='" + first + "'] .marker.flagged")).isEmpty());
        new org.openqa.selenium.support.ui.Select(page.findElement(By.id("message-move"))).selectByValue("Target");
        await(page).until(d -> rows(d).size() == 7);
        assertThat(count(address, "Target", false)).isEqualTo(1);

        rows(page).get(0).findElement(By.cssSelector(".row-link")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("delete-message"))).click();
        await(page).until(d -> rows(d).size() == 6);
        assertThat(count(address, "Trash", false)).isEqualTo(1);

        page.findElement(By.cssSelector(".folder-link[data-folder='Trash']")).click();
        await(page).until(d -> rows(d).size() == 1);
        // the sidebar's folder roles show the button once the Trash list is in: wait until it can be clicked
        await(page).until(ExpectedConditions.elementToBeClickable(By.id("empty-folder"))).click();
        page.switchTo().alert().dismiss(); // "cancel" keeps everything
        assertThat(count(address, "Trash", false)).isEqualTo(1);
        await(page).until(ExpectedConditions.elementToBeClickable(By.id("empty-folder"))).click();
        page.switchTo().alert().accept();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("list-empty")));
        assertThat(count(address, "Trash", false)).isZero();
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    @Test
    void foldersAreCreatedRenamedUnsubscribedAndDeletedOnTheirPage() throws MessagingException {
        String address = newUser();
        WebDriver page = signIn(address);
        page.findElement(By.id("manage-folders")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("create-folder")));
        page.findElement(By.id("new-folder")).sendKeys("Projects");
        page.findElement(By.cssSelector("#create-folder button")).click();
        await(page).until(ExpectedConditions.textToBePresentInElementLocated(By.id("folder-outcome"), "Projects"));
        assertThat(page.findElements(By.cssSelector("tr[data-folder='Trash'] .delete-folder"))).isEmpty(); // special: no delete

        WebElement rename = page.findElement(By.cssSelector("tr[data-folder='Projects'] .rename-folder input[name='to']"));
        rename.clear();
        rename.sendKeys("Clients");
        page.findElement(By.cssSelector("tr[data-folder='Projects'] .rename-folder button")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-folder='Clients']")));
        page.findElement(By.cssSelector("tr[data-folder='Clients'] .subscribe-button")).click();
        await(page).until(ExpectedConditions.textToBePresentInElementLocated(By.id("folder-outcome"), "Unsubscribed"));
        browser.browser().screenshot("organise-folders");

        page.findElement(By.cssSelector("tr[data-folder='Clients'] .delete-folder button")).click();
        page.switchTo().alert().accept();
        await(page).until(ExpectedConditions.textToBePresentInElementLocated(By.id("folder-outcome"), "deleted"));
        assertThat(page.findElements(By.cssSelector("tr[data-folder='Clients']"))).isEmpty();
        try (Store store = MAIL.imap(address, PASSWORD)) {
            assertThat(store.getFolder("Clients").exists()).isFalse();
            assertThat(store.getFolder("Projects").exists()).isFalse();
        }
        assertThat(severeConsoleErrors(page)).isEmpty();
    }

    private static WebElement box(WebDriver page, int row) {
        return rows(page).get(row).findElement(By.cssSelector(".row-select"));
    }

    private static int count(String address, String folder, boolean seen) throws MessagingException {
        try (Store store = MAIL.imap(address, PASSWORD)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            try {
                return seen ? f.search(new FlagTerm(new Flags(Flags.Flag.SEEN), true)).length : f.getMessageCount();
            } finally {
                f.close(false);
            }
        }
    }

    private static List<WebElement> rows(WebDriver page) {
        return page.findElements(By.cssSelector("#message-list .message-row"));
    }

    private static WebDriverWait await(WebDriver page) {
        return Browser.waitUpTo(page, Duration.ofSeconds(15));
    }

    private static List<String> severeConsoleErrors(WebDriver page) {
        return page.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("/api/v1/events"))
                .toList();
    }
}

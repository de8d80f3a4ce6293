package org.vaultmail.a11y;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

import jakarta.mail.internet.MimeMessage;

/**
 * Vaultmail with the keyboard alone in a real Chromium (issue 17 item 7): signing in, moving through the list, opening
 * a message, replying and sending, changing a setting and signing out with Tab, Shift-Tab, Enter, Space, the arrows
 * and the app's shortcuts; every Tab stop shows its focus; the skip links move the focus; the shortcuts dialog keeps
 * the focus while open and gives it back when closed.
 */
@Tag("e2e")
class KeyboardE2eTest extends A11yTestSupport {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    private final List<String> walked = new ArrayList<>();

    @Test
    void signInReadReplySendChangeASettingAndSignOutWithKeysOnly() throws Exception {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        Keyboard keys = new Keyboard(page);

        // the skip link is the first stop, can be seen when focused, and puts the focus on the page's content
        keys.tab();
        assertThat(keys.focusedName()).startsWith("a.skip-link");
        assertThat(keys.stop().onScreen()).isTrue();
        keys.press(Keys.ENTER).tab();
        assertThat(keys.focusedName()).isEqualTo("#address");
        keys.press(ALICE).tab().press(ALICE_PASSWORD).press(Keys.ENTER);
        waitFor(page, "message-list");

        keys.tab();
        assertThat(keys.focusedName()).startsWith("a.skip-link");
        keys.press(Keys.ENTER);
        assertThat(keys.focusedName()).isEqualTo("#list-pane");

        // j and the arrows move a cursor that carries the focus; Enter opens the row
        var rows = page.findElements(By.cssSelector("#message-list .message-row"));
        keys.press("j");
        assertThat(keys.focused()).isEqualTo(rowLink(rows.get(0)));
        keys.press(Keys.ARROW_DOWN).press(Keys.ARROW_DOWN).press(Keys.ARROW_UP).press(Keys.ARROW_DOWN).press(Keys.ARROW_DOWN);
        assertThat(keys.focused()).isEqualTo(rowLink(rows.get(3)));
        assertThat(rows.get(3).getAttribute("class")).contains("is-cursor");
        String uid = rows.get(3).getAttribute("data-uid");
        keys.press(Keys.ENTER);
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("message"), "data-uid", uid));
        String subject = page.findElement(By.id("message-subject")).getText();

        // r replies: the draft opens with the focus in the text; Tab reaches Send; Enter sends (after the undo toast)
        keys.press("r");
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/compose"));
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> keys.focusedName().equals("#compose-text"));
        String marker = UUID.randomUUID().toString();
        String text = "Answered with the keyboard alone " + marker;
        keys.control(Keys.HOME).press(text, Keys.ENTER);
        keys.tabTo("compose-send", 10);
        keys.press(Keys.ENTER);
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/mail?sent=1"));
        MimeMessage sent = Await.until("the reply at the SMTP server", Duration.ofSeconds(15),
                () -> Arrays.stream(MAIL.greenMail().getReceivedMessages()).filter(m -> text(m).contains(marker)).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(sent.getSubject()).isEqualTo("Re: " + subject.replaceFirst("^(?i)re: ", ""));

        // settings from the top bar; a display name changed and saved (Space presses the button); Shift-Tab goes back
        waitFor(page, "message-list");
        keys.tabTo("settings-link", 15).press(Keys.ENTER);
        waitFor(page, "settings-profile");
        keys.tabTo("identities-link", 20).press(Keys.ENTER);
        waitFor(page, "identity-0");
        keys.tabTo("name-0", 20).control("a").press("Alice Keyboard");
        keys.tab().tab();
        assertThat(keys.focusedName()).isEqualTo("#save-0");
        keys.shiftTab();
        assertThat(keys.focusedName()).isEqualTo("#signature-0");
        keys.tab().press(Keys.SPACE);
        waitFor(page, "saved");
        assertThat(page.findElement(By.id("name-0")).getDomProperty("value")).isEqualTo("Alice Keyboard");

        keys.tabTo("nav-signout", 15).press(Keys.ENTER);
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/signin"));
        assertThat(browser.browser().console()).as("browser console").noneMatch(m -> m.startsWith("SEVERE"));
    }

    @Test
    void theShortcutsDialogKeepsTheFocusWhileOpenAndGivesItBackWhenClosed() {
        WebDriver page = browser.browser().driver();
        signIn(page, ALICE, ALICE_PASSWORD);
        Keyboard keys = new Keyboard(page);

        keys.tabTo("help-open", 10).press(Keys.ENTER);
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("help")).getAttribute("open") != null);
        for (int i = 0; i < 4; i++) {
            assertThat(insideHelp(page)).as("focus inside the dialog after " + i + " Tab(s): " + keys.focusedName()).isTrue();
            keys.tab();
        }
        keys.shiftTab();
        assertThat(insideHelp(page)).as("focus inside the dialog after Shift-Tab: " + keys.focusedName()).isTrue();
        keys.press(Keys.ESCAPE);
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("help")).getAttribute("open") == null);
        assertThat(keys.focusedName()).isEqualTo("#help-open");

        // opened with ? from a row, closed with its button: the focus is back on the row
        keys.tab(); // off the button, so that j is not typed into it
        keys.press("j");
        var row = keys.focused();
        assertThat(row.getAttribute("class")).contains("row-link");
        keys.press("?");
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("help")).getAttribute("open") != null);
        assertThat(keys.focusedName()).isEqualTo("#help-close");
        keys.press(Keys.ENTER);
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("help")).getAttribute("open") == null);
        assertThat(keys.focused()).isEqualTo(row);
    }

    @Test
    void everyTabStopOnTheMainPagesCanBeSeen() throws java.io.IOException {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        List<String> unseen = new ArrayList<>();
        unseen.addAll(walk(page, "signin"));
        unseen.addAll(walk(page.navigate(), "/admin/signin", page));
        signIn(page, ALICE, ALICE_PASSWORD);
        String open = page.findElements(By.cssSelector(".message-row .row-link")).get(0).getAttribute("href");
        page.get(open); // loaded afresh, so that the walk starts at the top of the page
        waitFor(page, "message");
        unseen.addAll(walk(page, "mail with a message open"));
        for (String path : List.of("/compose", "/settings", "/settings/identities", "/settings/security", "/settings/sessions",
                "/settings/folders", "/settings/api/keys")) {
            unseen.addAll(walk(page.navigate(), path, page));
        }
        assertThat(walked).as("Tab stops walked").hasSizeGreaterThan(100);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "a11y"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "a11y", "tab-stops.txt"), walked);
        assertThat(unseen).as("Tab stops whose focus cannot be seen").isEmpty();
    }

    private List<String> walk(WebDriver.Navigation navigation, String path, WebDriver page) {
        navigation.to(base() + path);
        return walk(page, path);
    }

    /** Tabs once round the page (at most 120 stops) and names each stop without a visible focus. */
    private List<String> walk(WebDriver page, String name) {
        Keyboard keys = new Keyboard(page);
        List<String> unseen = new ArrayList<>();
        String first = null;
        int outside = 0; // past the last stop the focus leaves the page once, then starts again at the top
        for (int i = 0; i < 120; i++) {
            keys.tab();
            Keyboard.Stop stop = keys.stop();
            if (stop.name().equals("body")) {
                if (++outside > 1) break;
                continue;
            }
            if (stop.name().equals(first)) break;
            if (first == null) first = stop.name();
            walked.add(name + ": " + stop.name());
            if (!stop.indicated() || !stop.onScreen()) {
                unseen.add(name + ": " + stop.name() + (stop.indicated() ? "" : " has no focus ring") + (stop.onScreen() ? "" : " is off screen"));
            }
        }
        return unseen;
    }

    private static boolean insideHelp(WebDriver page) {
        return page.switchTo().activeElement().findElements(By.xpath("ancestor-or-self::dialog[@id='help']")).size() == 1;
    }

    private static org.openqa.selenium.WebElement rowLink(org.openqa.selenium.WebElement row) {
        return row.findElement(By.cssSelector(".row-link"));
    }

    /** The text of every part of {@code m}, transfer encodings undone. */
    private static String text(jakarta.mail.Part m) {
        try {
            Object content = m.getContent();
            if (content instanceof jakarta.mail.Multipart parts) {
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < parts.getCount(); i++) all.append(text(parts.getBodyPart(i)));
                return all.toString();
            }
            return content instanceof String s ? s : "";
        } catch (Exception e) {
            return "";
        }
    }
}

package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.i18n.UserLanguages;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/**
 * Languages in a real Chromium (ADR 0052): a browser that asks for German gets German pages (sign-in, inbox, a message,
 * settings, compose) with German dates and sizes, and German API problems; the user chooses French in Settings and
 * from then on gets French whatever the browser asks, until they go back to "as my browser asks".
 */
@Tag("e2e")
class LanguagesE2eTest extends WebmailTestSupport {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Autowired
    UserLanguages languages;
    @Autowired
    JdbcClient jdbc;

    /** The choice is stored per user and alice is shared with the other suites of this context: back to the browser's. */
    @AfterEach
    void backToTheBrowsersLanguage() {
        jdbc.sql("SELECT id FROM users WHERE address = ?").param(ALICE).query(Long.class).optional()
                .ifPresent(id -> languages.choose(id, null));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private WebDriver signInAsking(String acceptLanguage) {
        WebDriver page = browser.browser().acceptLanguage(acceptLanguage).open(base() + "/signin").driver();
        assertThat(page.findElement(By.id("submit")).getText()).isEqualTo(acceptLanguage.startsWith("de") ? "Anmelden" : "Se connecter");
        page.findElement(By.id("address")).sendKeys(ALICE);
        page.findElement(By.id("password")).sendKeys(ALICE_PASSWORD);
        page.findElement(By.id("submit")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("message-list")));
        return page;
    }

    @Test
    void aBrowserAskingForGermanGetsGermanPagesDatesSizesAndProblems() {
        WebDriver page = signInAsking("de-DE,de,en");

        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(page.findElement(By.id("list-title")).getText()).isEqualTo("Posteingang");
        assertThat(page.getTitle()).endsWith("Posteingang \u2014 Vaultmail");
        assertThat(page.findElement(By.cssSelector(".list-count")).getText()).endsWith(" Nachrichten");
        assertThat(page.findElement(By.id("settings-link")).getText()).isEqualTo("Einstellungen");
        // sizes: German decimal comma (whole KB in the list), dates localised by the browser in the page's language
        assertThat(page.findElements(By.cssSelector("#message-list .size"))).extracting(e -> e.getText())
                .allMatch(s -> s.matches("\\d{1,3}(\\.\\d{3})? B|\\d+ KB|\\d+,\\d MB")); // 1.022 B
        String date = page.findElement(By.cssSelector("#message-list time.date")).getText();
        assertThat(date).matches("\\d{2}:\\d{2}|\\d{1,2}\\. \\p{L}{3,4}\\.?( \\d{4})?");
        browser.browser().screenshot("languages-inbox-de");

        page.findElement(By.cssSelector("#message-list .row-link")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("time.date-long")));
        await(page).until(d -> d.findElement(By.cssSelector("time.date-long")).getText()
                .matches("(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \\d{1,2}\\. \\p{L}+ \\d{4}.*"));
        assertThat(page.findElement(By.cssSelector(".message-header")).getText()).contains("Von").contains("Datum");

        Map<?, ?> problem = problem(page, null);
        assertThat(problem.get("title")).isEqualTo("Nicht gefunden");

        page.get(base() + "/compose");
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("compose-send")));
        assertThat(page.findElement(By.id("compose-send")).getText()).isEqualTo("Senden");
        assertThat(page.findElement(By.cssSelector("label[for='compose-to']")).getText()).isEqualTo("An");
        assertThat(page.findElement(By.id("compose")).getDomAttribute("data-msg-size-mb")).isEqualTo("{0} MB");
    }

    @Test
    void choosingFrenchInSettingsWinsOverTheBrowserUntilTheBrowsersLanguageIsChosenAgain() {
        WebDriver page = signInAsking("de");
        page.get(base() + "/settings");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Einstellungen");
        Select language = new Select(page.findElement(By.id("language")));
        assertThat(language.getFirstSelectedOption().getText()).isEqualTo("Wie mein Browser es wünscht");
        assertThat(language.getOptions()).extracting(o -> o.getText()).containsExactly("Wie mein Browser es wünscht", "English", "Deutsch", "Français");

        language.selectByValue("fr");
        page.findElement(By.id("language-save")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("language-saved")));
        assertThat(page.findElement(By.id("language-saved")).getText()).isEqualTo("Langue enregistrée.");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Réglages");
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(new Select(page.findElement(By.id("language"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("fr");
        browser.browser().screenshot("languages-settings-fr");

        page.get(base() + "/mail");
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("message-list")));
        assertThat(page.findElement(By.id("list-title")).getText()).isEqualTo("Boîte de réception");
        assertThat(page.findElements(By.cssSelector("#message-list .size"))).extracting(e -> e.getText())
                .allMatch(s -> s.matches("\\d{1,3}(\u202f\\d{3})? o|\\d+ Ko|\\d+,\\d Mo")); // 1 022 o, a narrow no-break space
        String date = page.findElement(By.cssSelector("#message-list time.date")).getText();
        assertThat(date).matches("\\d{2}:\\d{2}|\\d{1,2} \\p{L}{3,5}\\.?( \\d{4})?");
        // the user's choice wins over the browser's header, for pages and the API alike
        assertThat(problem(page, null).get("title")).isEqualTo("Introuvable");

        page.get(base() + "/settings");
        new Select(page.findElement(By.id("language"))).selectByValue("");
        page.findElement(By.id("language-save")).click();
        await(page).until(ExpectedConditions.presenceOfElementLocated(By.id("language-saved")));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Einstellungen");
    }

    @Test
    void anApiProblemFollowsTheRequestsAcceptLanguage() {
        WebDriver page = signInAsking("fr-CH,fr");
        assertThat(problem(page, null).get("title")).isEqualTo("Introuvable");
        assertThat(problem(page, "de").get("title")).isEqualTo("Nicht gefunden");
        assertThat(problem(page, "en").get("title")).isEqualTo("Not found");
        assertThat(problem(page, "es, it;q=0.5").get("title")).as("unsupported: English").isEqualTo("Not found");
        assertThat(problem(page, "es, it;q=0.5").get("detail")).asString().isNotBlank();
    }

    /** A message that does not exist, fetched by the page (its cookies), with the browser's or the given Accept-Language. */
    private static Map<?, ?> problem(WebDriver page, String acceptLanguage) {
        Object answer = ((JavascriptExecutor) page).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var headers = arguments[0] ? { 'Accept-Language': arguments[0] } : {};
                fetch('/api/v1/folders/INBOX/messages/999999', { headers: headers, credentials: 'same-origin' })
                  .then(function (r) { return r.json(); }).then(done, function (e) { done({ error: String(e) }); });
                """, acceptLanguage);
        assertThat(answer).isInstanceOf(Map.class);
        return (Map<?, ?>) answer;
    }

    private static WebDriverWait await(WebDriver page) {
        return Browser.waitUpTo(page, Duration.ofSeconds(15));
    }
}

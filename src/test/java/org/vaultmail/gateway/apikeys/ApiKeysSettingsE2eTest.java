package org.vaultmail.gateway.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/** A real Chromium on /settings/api/keys: second factor missing, create (shown once, copy button), re-authenticate, revoke. */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ApiKeysAppTestSupport.ClockConfig.class, ApiKeysAppTestSupport.Policies.class, GrantProbe.class})
class ApiKeysSettingsE2eTest extends ApiKeysAppTestSupport {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Autowired
    MutablePolicies policies;

    @Autowired
    JdbcClient jdbc;

    /** The policy as the original single test left it: keys need no second factor. */
    @AfterEach
    void noSecondFactorRequired() {
        policies.requireSecondFactor(false);
    }

    @Test
    void withASecondFactorRequiredAndNoneSetUpThePageSaysWhereToSetOneUpAndOffersNoKey() {
        policies.requireSecondFactor(true);
        WebDriver page = signedIn(newUser("page-pw"));

        page.get(base() + "/settings/api/keys");

        assertThat(wait(page, "second-factor-missing").getText()).contains("two-step sign-in");
        assertThat(page.findElement(By.id("set-up-second-factor")).getAttribute("href")).endsWith("/settings/security");
        assertThat(page.findElements(By.id("create-key"))).isEmpty();
        assertThat(page.findElement(By.cssSelector("a[aria-current=page]")).getAttribute("id")).isEqualTo("api-keys-link");
    }

    @Test
    void aCreatedKeyIsShownOnceWithACopyButtonAndWorks() {
        policies.requireSecondFactor(false);
        WebDriver page = signedIn(newUser("page-pw"));

        String key = create(page, "deploy bot", "scope-SEND");

        assertThat(key).startsWith("vmk_").hasSize(40);
        assertThat(page.findElement(By.id("new-key-warning")).getText()).contains("you will not see it again");
        WebElement copy = page.findElement(By.id("copy-key"));
        assertThat(copy.isDisplayed()).isTrue();
        copy.click();
        assertThat(use(key).status()).isEqualTo(200);
        page.get(base() + "/settings/api/keys");
        WebElement row = wait(page, "keys").findElement(By.cssSelector("tr.api-key"));
        assertThat(row.getText()).contains("deploy bot").contains(key.substring(0, 10)).contains("send");
        assertThat(page.getPageSource()).doesNotContain(key.substring(10));
        assertThat(page.findElements(By.id("new-key"))).isEmpty();
    }

    @Test
    void inASessionNoLongerFreshCreatingAsksForThePasswordAndPostsTheFormAgain() {
        policies.requireSecondFactor(false);
        String address = newUser("page-pw");
        WebDriver page = signedIn(address);
        String key = create(page, "deploy bot", "scope-SEND");

        // no longer fresh: the confirmation page asks for the password and posts the form again
        jdbc.sql("UPDATE sessions SET created_at = ?, reauthenticated_at = NULL WHERE user_id = ?")
                .params(clock.instant().minus(Duration.ofMinutes(10)).atOffset(java.time.ZoneOffset.UTC), userId(jdbc, address)).update();
        page.get(base() + "/settings/api/keys");
        wait(page, "create-key");
        page.findElement(By.id("name")).sendKeys("second");
        page.findElement(By.id("scope-OUTBOX_READ")).click();
        page.findElement(By.id("create")).click();
        wait(page, "reauth-password").sendKeys("page-pw");
        page.findElement(By.id("reauth-submit")).click();
        String second = wait(page, "new-key").getAttribute("value");

        assertThat(second).startsWith("vmk_").isNotEqualTo(key);
    }

    @Test
    void revokingAKeyOnThePageStopsItAndLeavesTheOthers() {
        policies.requireSecondFactor(false);
        WebDriver page = signedIn(newUser("page-pw"));
        String key = create(page, "deploy bot", "scope-SEND");
        String second = create(page, "second", "scope-OUTBOX_READ");

        page.get(base() + "/settings/api/keys");
        WebElement first = Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[contains(@class,'api-key')][td[@class='name' and text()='deploy bot']]")));
        first.findElement(By.cssSelector("button.revoke")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> {
            try {
                return d.findElement(By.xpath("//tr[contains(@class,'api-key')][td[@class='name' and text()='deploy bot']]"))
                        .getText().contains("Revoked");
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });

        assertThat(use(key).status()).isEqualTo(401);
        assertThat(use(second).status()).isEqualTo(200);
        assertThat(browser.browser().console()).noneMatch(line -> line.contains("SEVERE") && line.contains("api-keys"));
    }

    /** A browser signed in as {@code address} (password {@code page-pw}). */
    private WebDriver signedIn(String address) {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys("page-pw");
        page.findElement(By.id("submit")).click();
        wait(page, "settings-link"); // signed in
        return page;
    }

    /** Creates a key on the page with one scope (its checkbox id); answers the key the page shows once. */
    private String create(WebDriver page, String name, String scope) {
        page.get(base() + "/settings/api/keys");
        wait(page, "create-key");
        page.findElement(By.id("name")).sendKeys(name);
        page.findElement(By.id(scope)).click();
        page.findElement(By.id("create")).click();
        return wait(page, "new-key").getAttribute("value");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebElement wait(WebDriver page, String id) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}

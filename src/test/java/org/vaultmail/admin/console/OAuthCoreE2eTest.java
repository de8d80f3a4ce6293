package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.StubProvider;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;

/**
 * Real Chromium: a signed-in user starts a connection, the (loopback) provider approves and redirects cross-site to
 * the callback, whose same-origin page continues to the handler's page with the user still signed in; a forged
 * callback shows the refusal page; the operator finds the grant on the console's OAuth page. No console errors (CSP).
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OAuthCoreE2eTest.Beans.class)
class OAuthCoreE2eTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final StubProvider STUB = new StubProvider();
    static final String OPERATOR_PASSWORD = "OAuth-E2e-Operator-Canary-3c90";

    OAuthCoreE2eTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-oauth-e2e-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        MAIL.registerDomain(registry, 0, "example.test");
        STUB.properties("google", "google").forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    /** A start link (what a feature's "Connect" button does) and a handler that stores the grant. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        StartController testOAuthStart(OAuthFlows flows) {
            return new StartController(flows);
        }

        @Bean
        OAuthCallbackHandler e2eConnectHandler(OAuthGrants grants) {
            return new OAuthCallbackHandler() {
                @Override
                public String flow() {
                    return "e2e-connect";
                }

                @Override
                public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
                    try (authorization) {
                        return "/settings/security?grant=" + grants.store(Long.parseLong(authorization.context().get("user")), authorization);
                    }
                }

                @Override
                public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
                    return "/settings/security?failed=" + failure.reason();
                }
            };
        }
    }

    @Controller
    static class StartController {
        private final OAuthFlows flows;

        StartController(OAuthFlows flows) {
            this.flows = flows;
        }

        @GetMapping("/e2e-oauth/start")
        String start(@RequestParam long user, @RequestParam String hint, HttpServletRequest request, HttpServletResponse response) {
            return "redirect:" + flows.start("google", OAuthPurpose.SEND, "e2e-connect", java.util.Map.of("user", Long.toString(user)),
                    hint, request, response);
        }
    }

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Test
    void aSignedInUserConnectsThroughTheCrossSiteCallbackAndTheOperatorSeesTheGrant() {
        String base = "http://localhost:" + port;
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(user);
        page.findElement(By.id("password")).sendKeys("user-pw");
        page.findElement(By.id("submit")).click();
        waitFor(page, "list-pane");
        long userId = jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, user);

        page.get(base + "/e2e-oauth/start?user=" + userId + "&hint=" + user);
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/settings/security?grant="));
        waitFor(page, "nav-signout"); // still signed in after the cross-site round trip
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth_grants WHERE user_id = ? AND email = ?", Long.class, userId, user))
                .isEqualTo(1);
        assertThat(browser.browser().requestedUrls()).anySatisfy(u -> assertThat(u).startsWith(STUB.base() + "/authorize?"))
                .noneSatisfy(u -> assertThat(u).contains("code_verifier"));

        page.get(base + "/oauth/callback/google-send?code=stolen&state=forged");
        waitFor(page, "oauth-refused-title");
        assertThat(page.findElement(By.id("oauth-refused-detail")).getText()).contains("Start again from Vaultmail");
        // the refusal is a 400 (Chromium logs that status); nothing else went wrong (CSP, scripts)
        assertThat(browser.browser().console()).filteredOn(c -> c.startsWith("SEVERE") && !c.contains("status of 400")).isEmpty();

        String secret = createOperator("oauth-e2e-op");
        try (Browser ops = Browser.launch()) {
            WebDriver admin = ops.open(base + "/admin/signin").driver();
            admin.findElement(By.id("username")).sendKeys("oauth-e2e-op");
            admin.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
            admin.findElement(By.id("code")).sendKeys(code(secret, 0));
            admin.findElement(By.id("admin-signin-submit")).click();
            waitFor(admin, "entries");
            admin.findElement(By.id("nav-oauth")).click();
            waitFor(admin, "provider-google");
            String connected = admin.findElement(By.cssSelector("#provider-google tr[data-purpose=send] .connected")).getText();
            assertThat(Long.parseLong(connected)).isGreaterThanOrEqualTo(1);
            assertThat(admin.getPageSource()).doesNotContain(StubProvider.CLIENT_SECRET);
            assertThat(ops.console()).noneSatisfy(c -> assertThat(c).startsWith("SEVERE"));
        }
    }

    private static void waitFor(WebDriver page, String id) {
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}

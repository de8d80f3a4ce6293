package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.HttpCalls.Reply;

/** {@code vaultmail.auth.require-mfa=true}: nothing but enrolment is usable until a second factor is set up. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaultmail.auth.require-mfa=true")
@Import(AuthAppTestSupport.ClockConfig.class)
class RequireMfaTest extends AuthAppTestSupport {

    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");

    @Test
    void anUnenrolledBrowserUserIsLedToEnrolmentBeforeAnythingElse() {
        String address = newUser("pw");
        FormClient browser = new FormClient(http());
        assertThat(browser.signIn(address, "pw").status()).isEqualTo(302);

        for (String page : new String[] {"/", "/settings/sessions"}) {
            Reply reply = browser.get(page);
            assertThat(reply.status()).as(page).isEqualTo(302);
            assertThat(reply.header("Location")).as(page).endsWith("/settings/security");
        }
        assertThat(browser.get("/settings/security").status()).isEqualTo(200);

        // setting up needs the password once more (ADR 0026), also on the enrolment the policy forces
        browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", "pw"));
        Matcher m = SECRET.matcher(browser.get("/settings/security").body());
        assertThat(m.find()).isTrue();
        Totp totp = Totp.standard(clock);
        browser.submit("/settings/security", "/settings/security/confirm",
                Map.of("code", totp.code(Base32.decode(m.group(1)), totp.currentStep())));

        assertThat(browser.get("/settings/sessions").status()).isEqualTo(200);
    }

    @Test
    void anUnenrolledApiUserIsToldToEnrolInABrowser() {
        Reply reply = signIn(newUser("pw"), "pw");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("mfaEnrolmentRequired").asBoolean()).isTrue();
        assertThat(reply.body()).doesNotContain("accessToken");
    }

    @Test
    void aBrowserSessionOfAnUnenrolledUserCannotUseTheApi() {
        FormClient browser = new FormClient(http());
        browser.signIn(newUser("pw"), "pw");

        Reply reply = browser.get("/api/v1/sessions");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("mfaEnrolmentRequired").asBoolean()).isTrue();
    }
}

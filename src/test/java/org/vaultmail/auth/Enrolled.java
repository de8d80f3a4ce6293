package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** A user who set up TOTP through the settings page, as a person does: signed in, proved it with the password, confirmed a code. */
public record Enrolled(String address, String secret, List<String> recoveryCodes) {

    /** The set-up page's secret and the recovery codes shown after confirming. */
    public static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");
    public static final Pattern RECOVERY = Pattern.compile("class=\"recovery-code\">([A-Z2-7]{5}-[A-Z2-7]{5})<");

    /** Signs {@code address} in through {@code http} and enrols it; the codes come from {@code clock}. */
    public static Enrolled throughThePage(HttpCalls http, Clock clock, String address, String password) {
        FormClient browser = new FormClient(http);
        assertThat(browser.signIn(address, password).status()).isEqualTo(302);
        browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", password));
        String secret = group(SECRET, browser.get("/settings/security").body());
        Reply done = browser.submit("/settings/security", "/settings/security/confirm", Map.of("code", code(clock, secret)));
        List<String> recovery = RECOVERY.matcher(done.body()).results().map(m -> m.group(1)).toList();
        assertThat(recovery).hasSize(10);
        return new Enrolled(address, secret, recovery);
    }

    /** The current TOTP code of this user's authenticator. */
    public String code(Clock clock) {
        return code(clock, secret);
    }

    private static String code(Clock clock, String secret) {
        Totp totp = Totp.standard(clock);
        return totp.code(Base32.decode(secret), totp.currentStep());
    }

    /** The first group of {@code pattern} in {@code html}, which must match. */
    public static String group(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as(pattern.pattern()).isTrue();
        return m.group(1);
    }
}

package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * {@code /actuator/prometheus}: only the scrape token opens it (not a user's token, not nothing), it counts
 * sign-ins by outcome and reason and the IMAP pool, and it names no user and holds no password.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
@TestPropertySource(properties = "vaultmail.metrics.token=" + MetricsScrapeTest.TOKEN)
class MetricsScrapeTest extends AuthAppTestSupport {

    static final String TOKEN = "scrape-token-0f3c9a";

    @Test
    void onlyTheScrapeTokenOpensTheMetrics() {
        String address = newUser("metrics-canary-pw-7Hq");
        Reply user = signIn(address, "metrics-canary-pw-7Hq");
        assertThat(user.status()).isEqualTo(201);

        assertThat(http().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http().get("/actuator/prometheus", "Authorization", bearer("wrong-" + TOKEN)).status()).isEqualTo(401);
        assertThat(http().get("/actuator/prometheus", "Authorization", bearer(TOKEN + "x")).status()).isEqualTo(401);
        assertThat(http().get("/actuator/prometheus", "Authorization", bearer(user.json().get("accessToken").asString())).status())
                .as("a user's access token is not a scrape token").isEqualTo(401);
        assertThat(http().get("/actuator/metrics", "Authorization", bearer(user.json().get("accessToken").asString())).status())
                .isEqualTo(401);
        assertThat(http().get("/actuator/health").status()).as("health stays public").isEqualTo(200);
    }

    @Test
    void signInsAreCountedByOutcomeAndReasonWithoutNamingAnyone() {
        double successes = counter(scrape(), "vaultmail_signin_total\\{outcome=\"success\",reason=\"none\"\\}");
        double wrong = counter(scrape(), "vaultmail_signin_total\\{outcome=\"failure\",reason=\"wrong_credentials\"\\}");
        String address = newUser("metrics-canary-pw-2Zr");
        assertThat(signIn(address, "metrics-canary-pw-2Zr").status()).isEqualTo(201);
        assertThat(signIn(address, "not-the-password-canary").status()).isEqualTo(401);

        String body = scrape();
        assertThat(counter(body, "vaultmail_signin_total\\{outcome=\"success\",reason=\"none\"\\}")).isEqualTo(successes + 1);
        assertThat(counter(body, "vaultmail_signin_total\\{outcome=\"failure\",reason=\"wrong_credentials\"\\}")).isEqualTo(wrong + 1);
        assertThat(body).contains("vaultmail_mail_connections_open", "vaultmail_mail_sessions_pooled",
                "vaultmail_signin_lockouts_total", "vaultmail_signin_lockout_starts_total{kind=\"account\"}",
                "vaultmail_signin_lockout_starts_total{kind=\"client\"}", "http_server_requests_seconds",
                "vaultmail_mail_cache_gets_total{cache=\"orders\",result=\"hit\"}",
                "vaultmail_mail_cache_gets_total{cache=\"structures\",result=\"miss\"}",
                "vaultmail_mail_cache_gets_total{cache=\"pages\",result=\"hit\"}");
        assertThat(body).doesNotContain(address, address.substring(0, address.indexOf('@')), "canary", "metrics-canary-pw");
    }

    private String scrape() {
        Reply reply = http().get("/actuator/prometheus", "Authorization", bearer(TOKEN));
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static double counter(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(body);
        assertThat(m.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}

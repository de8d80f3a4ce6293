package org.vaultmail.auth.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.FormClient;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.TestSessions;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.mail.SmtpLoginCheck;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;










/** SMTP settings end to end: GreenMail's SMTP with AUTH, H2, HTTP; the SMTP password must never come back. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({AuthAppTestSupport.ClockConfig.class, SmtpSettingsApiTest.Events.class})
@ExtendWith(OutputCaptureExtension.class)
class SmtpSettingsApiTest extends AuthAppTestSupport {

    static final String SMTP_CANARY = "Smtp-Canary-e5a01c77";
    static final String IMAP_CANARY = "Imap-Canary-3d9b42f0";

    @TestConfiguration(proxyBeanMethods = false)
    static class Events {
        @Bean
        SmtpEvents smtpEvents() {
            return new SmtpEvents();
        }
    }

    static final class SmtpEvents {
        final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @EventListener({SmtpCredentialsSet.class, SmtpCredentialsTested.class, SmtpCredentialsCleared.class,
                SmtpCredentialsStale.class})
        void on(Object event) {
            events.add(event);
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    SessionCredentials credentials;

    @Autowired
    CommandLineInterface cli;

    @Autowired
    SmtpEvents recorded;

    @Autowired
    AuthPolicies policies;

    @Autowired
    org.vaultmail.vault.Vault vault;


    @Test
    void testingSmtpLoginsIsLimitedPerUserBecauseEachTestIsAPasswordGuess() {
        String address = newUser(IMAP_CANARY);
        String token = signIn(address, IMAP_CANARY).json().get("accessToken").asString();
        for (int i = 0; i < 20; i++) {
            Reply attempt = http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", address, "password", "guess-" + i),
                    "Authorization", bearer(token));
            assertThat(attempt.status()).as("attempt " + i).isEqualTo(200);
        }
        Reply refused = http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", address, "password", "guess-21"),
                "Authorization", bearer(token));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("Too many SMTP login tests");
        Reply save = http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", address, "password", "guess-22"),
                "Authorization", bearer(token));
        assertThat(save.status()).as("test-and-save counts too").isEqualTo(429);
    }

    @Test
    void theSmtpTestLimitChangedInThePolicyAppliesAtOnceAndRaisingItLiftsIt() {
        String address = newUser(IMAP_CANARY);
        String token = bearer(signIn(address, IMAP_CANARY).json().get("accessToken").asString());
        try {
            setSmtpTestsPerHour("2");
            for (int i = 0; i < 2; i++) assertThat(smtpTest(address, token, i).status()).as("test " + (i + 1) + " of 2").isEqualTo(200);
            Reply refused = smtpTest(address, token, 2);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("detail").asString()).contains("Too many SMTP login tests");
            long tested = recorded.events.stream().filter(SmtpCredentialsTested.class::isInstance)
                    .filter(e -> ((SmtpCredentialsTested) e).address().equals(address)).count();
            assertThat(tested).as("the refused test never reached the SMTP server").isEqualTo(2);

            setSmtpTestsPerHour("4");
            for (int i = 3; i < 7; i++) assertThat(smtpTest(address, token, i).status()).as("test " + (i - 2) + " of 4").isEqualTo(200);
            assertThat(smtpTest(address, token, 7).status()).isEqualTo(429);
        } finally {
            setSmtpTestsPerHour("");
        }
    }

    private Reply smtpTest(String address, String token, int n) {
        return http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", address, "password", "guess-" + n),
                "Authorization", token);
    }

    private void setSmtpTestsPerHour(String value) {
        AuthPolicies.Result result = policies.save(policies.view().version(), Map.of(PolicyField.SMTP_TESTS_PER_HOUR, value),
                "smtp-test", null, null);
        assertThat(result.outcome()).as(result.errors().toString()).isIn(AuthPolicies.Outcome.SAVED, AuthPolicies.Outcome.UNCHANGED);
    }

    @Test
    void nothingStoredIsNotConfigured() {
        JsonNode me = signIn(newUser(IMAP_CANARY), IMAP_CANARY).json();

        JsonNode view = http().get("/api/v1/settings/smtp", "Authorization", bearer(me.get("accessToken").asString())).json();

        assertThat(view.get("configured").asBoolean()).isFalse();
        assertThat(view.get("stale").asBoolean()).isFalse();
        assertThat(view.get("username").isNull()).isTrue();
    }

    @Test
    void testConnectionAgainstGreenMailSmtpTellsRightFromWrongPassword() {
        String submit = newUser(SMTP_CANARY);
        String token = bearer(signIn(newUser(IMAP_CANARY), IMAP_CANARY).json().get("accessToken").asString());

        Reply right = http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", submit, "password", SMTP_CANARY),
                "Authorization", token);
        Reply wrong = http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", submit, "password", "nope"),
                "Authorization", token);

        assertThat(right.status()).isEqualTo(200);
        assertThat(right.json().get("ok").asBoolean()).isTrue();
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.json().get("ok").asBoolean()).isFalse();
        assertThat(wrong.json().get("outcome").asString()).isEqualTo("auth_failed");
        assertThat(wrong.json().get("message").asString()).contains("refused");
        assertThat(recorded.events).filteredOn(SmtpCredentialsTested.class::isInstance)
                .extracting(e -> ((SmtpCredentialsTested) e).outcome())
                .contains(SmtpLoginCheck.Outcome.OK, SmtpLoginCheck.Outcome.AUTH_FAILED);
    }

    @Test
    void savedCredentialsGoIntoEverySessionSignedInLater() {
        String address = newUser(IMAP_CANARY);
        String submit = newUser(SMTP_CANARY);
        String token = bearer(signIn(address, IMAP_CANARY).json().get("accessToken").asString());

        Reply saved = http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", submit, "password", SMTP_CANARY),
                "Authorization", token);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("ok").asBoolean()).isTrue();
        JsonNode view = http().get("/api/v1/settings/smtp", "Authorization", token).json();
        assertThat(view.get("configured").asBoolean()).isTrue();
        assertThat(view.get("username").asString()).isEqualTo(submit);
        assertThat(view.get("stale").asBoolean()).isFalse();

        JsonNode later = signIn(address, IMAP_CANARY).json();
        try (SmtpLogin login = credentials.smtpLogin(session(address, later))) {
            assertThat(login.username()).isEqualTo(submit);
            assertThat(login.password().revealUtf8()).isEqualTo(SMTP_CANARY);
        }
        try (var imap = credentials.imapPassword(session(address, later))) {
            assertThat(imap.revealUtf8()).isEqualTo(IMAP_CANARY);
        }
        assertThat(recorded.events).anySatisfy(e -> assertThat(e).isInstanceOf(SmtpCredentialsSet.class));
    }

    @Test
    void withoutStoredCredentialsSmtpLoginIsTheImapLogin() {
        String address = newUser(IMAP_CANARY);
        JsonNode me = signIn(address, IMAP_CANARY).json();

        try (SmtpLogin login = credentials.smtpLogin(session(address, me))) {
            assertThat(login.username()).isEqualTo(address);
            assertThat(login.password().revealUtf8()).isEqualTo(IMAP_CANARY);
        }
    }

    @Test
    void saveWithAFailingTestSavesNothingUnlessTestIsOff() {
        String submit = newUser(SMTP_CANARY);
        String token = bearer(signIn(newUser(IMAP_CANARY), IMAP_CANARY).json().get("accessToken").asString());

        Reply refused = http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", submit, "password", "wrong"),
                "Authorization", token);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(http().get("/api/v1/settings/smtp", "Authorization", token).json().get("configured").asBoolean()).isFalse();

        Reply untested = http().send("PUT", "/api/v1/settings/smtp?test=false", HttpCalls.json("username", submit, "password", "wrong"),
                "Authorization", token);
        assertThat(untested.status()).isEqualTo(200);
        assertThat(http().get("/api/v1/settings/smtp", "Authorization", token).json().get("configured").asBoolean()).isTrue();
    }

    @Test
    void missingUsernameOrPasswordIsABadRequest() {
        String token = bearer(signIn(newUser(IMAP_CANARY), IMAP_CANARY).json().get("accessToken").asString());

        assertThat(http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", "x"), "Authorization", token).status())
                .isEqualTo(400);
        assertThat(http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", "a\r\nb", "password", "p"),
                "Authorization", token).status()).isEqualTo(400);
    }

    @Test
    void deleteClearsTheCredentialsAndTheSessionFallsBackToImap() {
        String address = newUser(IMAP_CANARY);
        String submit = newUser(SMTP_CANARY);
        JsonNode me = signIn(address, IMAP_CANARY).json();
        String token = bearer(me.get("accessToken").asString());
        http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", submit, "password", SMTP_CANARY), "Authorization", token);
        try (SmtpLogin login = credentials.smtpLogin(session(address, me))) {
            assertThat(login.username()).isEqualTo(submit);
        }

        assertThat(http().send("DELETE", "/api/v1/settings/smtp", null, "Authorization", token).status()).isEqualTo(204);

        assertThat(http().get("/api/v1/settings/smtp", "Authorization", token).json().get("configured").asBoolean()).isFalse();
        try (SmtpLogin login = credentials.smtpLogin(session(address, me))) {
            assertThat(login.username()).isEqualTo(address);
        }
        assertThat(recorded.events).anySatisfy(e -> assertThat(e).isInstanceOf(SmtpCredentialsCleared.class));
    }

    @Test
    void afterAnImapPasswordChangeSignInWorksAndTheCredentialsAreStale() {
        String address = newUser(IMAP_CANARY);
        String submit = newUser(SMTP_CANARY);
        String token = bearer(signIn(address, IMAP_CANARY).json().get("accessToken").asString());
        http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", submit, "password", SMTP_CANARY), "Authorization", token);
        MAIL.greenMail().getUserManager().getUserByEmail(address).setPassword("changed-imap-pw");

        Reply again = signIn(address, "changed-imap-pw");

        assertThat(again.status()).isEqualTo(201);
        JsonNode view = http().get("/api/v1/settings/smtp", "Authorization", bearer(again.json().get("accessToken").asString())).json();
        assertThat(view.get("configured").asBoolean()).isTrue();
        assertThat(view.get("stale").asBoolean()).isTrue();
        assertThat(view.get("message").asString()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SmtpSettings.STALE_MESSAGE));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM smtp_credentials s JOIN users u ON u.id = s.user_id WHERE u.address = ?")
                .param(address).query(Long.class).single()).isEqualTo(1);
        try (SmtpLogin login = credentials.smtpLogin(session(address, again.json()))) {
            assertThat(login.username()).isEqualTo(address);
        }
        assertThat(recorded.events).anySatisfy(e -> assertThat(e).isInstanceOf(SmtpCredentialsStale.class));

        // the browser lands on the SMTP page, which says why; saving again clears the flag
        FormClient browser = new FormClient(http());
        Reply form = browser.signIn(address, "changed-imap-pw");
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.header("Location")).endsWith("/settings/smtp");
        Reply page = browser.get("/settings/smtp");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Your mail password changed; please enter your SMTP password again");
        Reply saved = browser.submit("/settings/smtp", "/settings/smtp",
                Map.of("username", submit, "password", SMTP_CANARY, "action", "save"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.").doesNotContain("Your mail password changed");
        assertThat(saved.body()).contains("name=\"password\"").containsPattern("id=\"password\"[^>]*value=\"\"");
    }

    @Test
    void aTamperedSmtpRowDoesNotBlockSignIn() {
        String address = newUser(IMAP_CANARY);
        String other = newUser(IMAP_CANARY);
        for (String a : List.of(address, other)) {
            String token = bearer(signIn(a, IMAP_CANARY).json().get("accessToken").asString());
            http().send("PUT", "/api/v1/settings/smtp?test=false", HttpCalls.json("username", a, "password", SMTP_CANARY),
                    "Authorization", token);
        }
        jdbc.sql("UPDATE smtp_credentials SET credentials = (SELECT s.credentials FROM smtp_credentials s JOIN users u"
                + " ON u.id = s.user_id WHERE u.address = ?) WHERE user_id = (SELECT id FROM users WHERE address = ?)")
                .params(other, address).update();

        Reply again = signIn(address, IMAP_CANARY);

        assertThat(again.status()).isEqualTo(201);
        try (SmtpLogin login = credentials.smtpLogin(session(address, again.json()))) {
            assertThat(login.username()).isEqualTo(address);
            assertThat(login.password().revealUtf8()).isEqualTo(IMAP_CANARY);
        }
        JsonNode view = http().get("/api/v1/settings/smtp", "Authorization", bearer(again.json().get("accessToken").asString())).json();
        assertThat(view.get("configured").asBoolean()).isTrue();
        assertThat(view.get("username").isNull()).isTrue();
        // the context is shared: leave no tampered row for the rewrap test
        assertThat(http().send("DELETE", "/api/v1/settings/smtp", null, "Authorization",
                bearer(again.json().get("accessToken").asString())).status()).isEqualTo(204);
    }

    @Test
    void noResponseDatabaseRowOrLogLineEverContainsTheSmtpPassword(CapturedOutput output) {
        String address = newUser(IMAP_CANARY);
        String submit = newUser(SMTP_CANARY);
        JsonNode me = signIn(address, IMAP_CANARY).json();
        String token = bearer(me.get("accessToken").asString());
        http().send("POST", "/api/v1/settings/smtp/test", HttpCalls.json("username", submit, "password", SMTP_CANARY), "Authorization", token);
        http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", submit, "password", SMTP_CANARY), "Authorization", token);
        http().send("PUT", "/api/v1/settings/smtp", HttpCalls.json("username", submit, "password", SMTP_CANARY + "x"), "Authorization", token);
        http().get("/api/v1/settings/smtp", "Authorization", token);
        http().get("/settings/smtp", "Authorization", token);
        signIn(address, IMAP_CANARY);
        FormClient browser = new FormClient(http());
        browser.signIn(address, IMAP_CANARY);
        browser.get("/settings/smtp");

        assertThat(http().seen()).hasSizeGreaterThan(6).allSatisfy(r -> {
            assertThat(r.body()).doesNotContain(SMTP_CANARY).doesNotContain(IMAP_CANARY);
            assertThat(r.headers().toString()).doesNotContain(SMTP_CANARY).doesNotContain(IMAP_CANARY);
        });
        assertThat(output.getAll()).doesNotContain(SMTP_CANARY).doesNotContain(IMAP_CANARY);
        assertThat(DatabaseDump.of(dataSource)).contains("smtp_credentials").doesNotContain(SMTP_CANARY).doesNotContain(IMAP_CANARY);
        assertThat(recorded.events.toString()).doesNotContain(SMTP_CANARY).doesNotContain(submit);
    }

    @Test
    void keysStatusCountsTheSmtpCredentialsColumn(CapturedOutput output) {
        String token = bearer(signIn(newUser(IMAP_CANARY), IMAP_CANARY).json().get("accessToken").asString());
        http().send("PUT", "/api/v1/settings/smtp?test=false", HttpCalls.json("username", "u", "password", SMTP_CANARY),
                "Authorization", token);

        assertThat(cli.run("keys", List.of("status"))).isZero();

        assertThat(output.getOut()).containsPattern("smtp_credentials\\.credentials=[1-9]");
    }

    @Test
    void rotateAndRewrapMoveTheColumnToTheNewKeyAndItStillOpens() {
        String address = newUser(IMAP_CANARY);
        String token = bearer(signIn(address, IMAP_CANARY).json().get("accessToken").asString());
        http().send("PUT", "/api/v1/settings/smtp?test=false", HttpCalls.json("username", "rotated-user", "password", SMTP_CANARY),
                "Authorization", token);

        assertThat(cli.run("keys", List.of("rotate"))).isZero();
        assertThat(cli.run("keys", List.of("rewrap"))).isZero();

        long primary = vault.primaryKeyId();
        assertThat(jdbc.sql("SELECT s.credentials_key_id FROM smtp_credentials s JOIN users u ON u.id = s.user_id WHERE u.address = ?")
                .param(address).query(Long.class).single()).isEqualTo(primary);
        JsonNode later = signIn(address, IMAP_CANARY).json();
        try (SmtpLogin login = credentials.smtpLogin(session(address, later))) {
            assertThat(login.username()).isEqualTo("rotated-user");
            assertThat(login.password().revealUtf8()).isEqualTo(SMTP_CANARY);
        }
    }

    private AuthenticatedSession session(String address, JsonNode tokens) {
        long userId = jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
        String unseal = tokens.get("refreshToken").asString().split("\\.")[1];
        return TestSessions.of(userId, tokens.get("sessionId").asString(), address, unseal, null);
    }
}

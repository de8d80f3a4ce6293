package org.vaultmail.admin.console;

import org.vaultmail.testing.Await;
import org.vaultmail.testing.EventStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.MfaFixtures;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.vault.KeyManagement;

/**
 * The operator console over real HTTP: sign-in needs password and TOTP code, pages need the operator
 * session, a revoked user session is refused at once, every action lands in the audit log. H2, GreenMail.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminConsoleTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String OPERATOR_PASSWORD = "Console-Operator-Canary-61d0";

    AdminConsoleTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-admin-console-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @Autowired
    UserMfa mfa;

    @Autowired
    KeyManagement keys;

    @Autowired
    AuthPolicies policies;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void pagesNeedAnOperatorSessionWhichNeedsPasswordAndCode() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(name);
        Operator anonymous = new Operator();

        Reply page = anonymous.get("/admin/audit");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/admin/signin");
        assertThat(anonymous.get("/admin/sessions").status()).isEqualTo(302);

        Reply wrongCode = anonymous.post("/admin/signin", "/admin/signin",
                Map.of("username", name, "password", OPERATOR_PASSWORD, "code", code(secret, 5)));
        assertThat(wrongCode.status()).isEqualTo(200);
        assertThat(wrongCode.body()).contains("Wrong name, password or code.").doesNotContain(OPERATOR_PASSWORD);
        assertThat(anonymous.get("/admin/audit").status()).isEqualTo(302);
        Reply wrongPassword = anonymous.post("/admin/signin", "/admin/signin",
                Map.of("username", name, "password", OPERATOR_PASSWORD + "x", "code", code(secret, 0)));
        assertThat(wrongPassword.body()).contains("Wrong name, password or code.");
        awaitAudit("action = 'operator.signin' AND actor_id = ? AND outcome = 'failure'", name);

        Operator op = signedIn(name, secret);
        Reply audit = op.get("/admin/audit");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(audit.body()).contains("id=\"entries\"").doesNotContain("style=\"").doesNotContain("<script>");
        awaitAudit("action = 'operator.signin' AND actor_id = ? AND outcome = 'success'", name);

        Reply noCsrf = op.http.form("/admin/audit/verify", Map.of(), "Cookie", op.cookies());
        assertThat(noCsrf.status()).isEqualTo(403);
        op.post("/admin/audit", "/admin/signout", Map.of());
        assertThat(op.get("/admin/audit").status()).as("signed out").isEqualTo(302);
    }

    @Test
    void theSessionsPageSaysHowEachSessionSignedIn() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        HttpCalls api = new HttpCalls(port);
        String password = api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw")).json()
                .get("sessionId").asString();
        String passkey = api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw")).json()
                .get("sessionId").asString();
        String old = api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw")).json()
                .get("sessionId").asString();
        // the passkey path itself is PasskeyPrfSignInE2eTest's; here the page's reading of the column (V58)
        jdbc.update("UPDATE sessions SET sign_in_method = 'passkey' WHERE id = ?", passkey);
        jdbc.update("UPDATE sessions SET sign_in_method = NULL WHERE id = ?", old);

        String page = op.get("/admin/sessions").body();

        assertThat(methodCell(page, password)).isEqualTo("Password");
        assertThat(methodCell(page, passkey)).isEqualTo("Passkey");
        assertThat(methodCell(page, old)).as("a session from before V58 shows as before").isEqualTo("Password");
        assertThat(page).contains("<time class=\"date-long\"");
    }

    private static String methodCell(String page, String sessionId) {
        var m = java.util.regex.Pattern.compile("data-session=\"" + sessionId + "\"[\\s\\S]*?<td class=\"method\">([^<]*)</td>")
                .matcher(page);
        assertThat(m.find()).as("row of " + sessionId).isTrue();
        return m.group(1);
    }

    @Test
    void anOperatorRevokesAUsersSessionWhichIsRefusedAtOnceAndFindsBothActionsInTheAuditLog() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        HttpCalls api = new HttpCalls(port);
        var session = api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw")).json();
        String token = "Bearer " + session.get("accessToken").asString();
        String sessionId = session.get("sessionId").asString();
        assertThat(api.get("/api/v1/sessions", "Authorization", token).status()).isEqualTo(200);

        Reply sessions = op.get("/admin/sessions");
        assertThat(sessions.body()).contains(user).contains("data-session=\"" + sessionId + "\"");
        Reply revoked = op.post("/admin/sessions", "/admin/sessions/revoke", Map.of("id", sessionId));
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(op.get(revoked.header("Location").replaceFirst("^https?://[^/]+", "")).body())
                .contains("1 session(s) ended").doesNotContain("data-session=\"" + sessionId + "\"");
        long revokedAt = System.nanoTime();
        assertThat(api.get("/api/v1/sessions", "Authorization", token).status()).as("the user's next request").isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));

        awaitAudit("action = 'session.revoke' AND actor_type = 'operator' AND actor_id = ?", name);
        awaitAudit("action = 'session.revoke' AND actor_id = ? AND details LIKE '%by_operator%'", user);
        Reply filtered = op.get("/admin/audit?action=session.revoke&actor=" + name);
        assertThat(filtered.body()).contains("1 matching entries").contains("session:" + sessionId);
        Reply signins = op.get("/admin/audit?action=signin&actor=" + user + "&outcome=success");
        assertThat(signins.body()).contains("1 matching entries");

        Reply verified = op.post("/admin/audit", "/admin/audit/verify", Map.of());
        assertThat(verified.body()).containsPattern("Chain OK: \\d+ entries verified \\(sequence 1 to \\d+\\), consistent with 0 published checkpoints")
                .contains("No published checkpoints yet at "); // none in this run: the interval is 15 min (ADR 0028)
        awaitAudit("action = 'audit.verify' AND actor_id = ? AND outcome = 'success'", name);
    }

    @Test
    void theUsersPageShowsSessionsAndMfaAndEndsAllSessionsAndResetsMfa() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        HttpCalls api = new HttpCalls(port);
        String first = "Bearer " + api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"))
                .json().get("accessToken").asString();
        api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"));
        long userId = jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, user);
        MfaFixtures.enrol(mfa, userId, user, Clock.systemUTC());

        Reply list = op.get("/admin/users?q=" + user.substring(0, 9).toUpperCase(java.util.Locale.ROOT));
        Matcher row = Pattern.compile("data-user=\"" + userId + "\".*?class=\"mfa\">([a-z]+)<.*?class=\"sessions\">(\\d+)<",
                Pattern.DOTALL).matcher(list.body());
        assertThat(row.find()).as("the user's row").isTrue();
        assertThat(row.group(1)).isEqualTo("on");
        assertThat(row.group(2)).isEqualTo("2");
        assertThat(op.get("/admin/users?q=nobody-like-this").body()).contains("No users.");

        Reply revoked = op.post("/admin/users", "/admin/users/" + userId + "/revoke-sessions", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(op.get("/admin/users?q=" + user).body()).contains("2 session(s) ended").contains("class=\"sessions\">0<");
        assertThat(api.get("/api/v1/sessions", "Authorization", first).status()).isEqualTo(401);

        Reply reset = op.post("/admin/users", "/admin/users/" + userId + "/reset-mfa", Map.of());
        assertThat(mfa.enrolled(userId)).isFalse();
        assertThat(op.get(reset.header("Location").replaceFirst("^https?://[^/]+", "")).body())
                .as("no notification server is configured here").contains("The user was not notified: notification mail is not configured.");
        assertThat(op.get("/admin/users?q=" + user).body()).contains("class=\"mfa\">off<");
        assertThat(op.post("/admin/users", "/admin/users/" + userId + "/reset-mfa", Map.of()).status())
                .as("no reset button any more, but a stale form is harmless").isEqualTo(302);

        awaitAudit("action = 'user.revoke_sessions' AND actor_id = ? AND target = ? AND outcome = 'success'", name, user);
        awaitAudit("action = 'user.reset_mfa' AND actor_id = ? AND target = ? AND outcome = 'success'"
                + " AND details = '{\"notified\":\"false\",\"notified_reason\":\"not_configured\"}'", name, user);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_outbox", Long.class)).isZero();
        awaitAudit("action = 'user.reset_mfa' AND actor_id = ? AND outcome = 'not_enrolled'", name);
        awaitAudit("action = 'mfa.disable' AND actor_id = ?", user);
    }

    @Test
    void theAuditPagePagesThroughFiftyAtATime() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        // 60 entries of one actor (failed sign-ins no longer give one entry each: ADR 0027)
        for (int i = 0; i < 60; i++) {
            events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, "nobody-" + name, "operator.test", null, "failure"));
        }
        // the entries are recorded asynchronously, in any order: wait for all 60
        awaitAudit("actor_id = ? AND (SELECT COUNT(*) FROM audit_entry WHERE actor_id = ?) >= 60", "nobody-" + name, "nobody-" + name);

        Reply first = op.get("/admin/audit?actor=nobody-" + name);
        assertThat(first.body()).contains("60 matching entries").contains("id=\"next\"").doesNotContain("id=\"previous\"");
        assertThat(Pattern.compile("class=\"entry\"").matcher(first.body()).results().count()).isEqualTo(50);
        Reply second = op.get("/admin/audit?actor=nobody-" + name + "&page=1");
        assertThat(Pattern.compile("class=\"entry\"").matcher(second.body()).results().count()).isEqualTo(10);
        assertThat(second.body()).contains("id=\"previous\"").doesNotContain("id=\"next\"");
    }

    @Test
    void theKeysPageRotatesRewrapsWithAnEventStreamRefusesToRetireAnInUseKeyAndRotatesTheSigningKey() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"));

        Reply page = op.get("/admin/keys");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"data-keys\"").contains("id=\"root-source\"").contains("/js/admin-keys.js")
                .doesNotContain("style=\"").doesNotContain("<script>");
        long before = keys.status().primaryDataKeyId();

        Reply rotated = op.post("/admin/keys", "/admin/keys/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(302);
        Reply after = op.get("/admin/keys");
        assertThat(after.body()).contains("is now primary");
        Matcher notOnPrimary = Pattern.compile("(\\d+) row\\(s\\) not yet under the primary key").matcher(after.body());
        assertThat(notOnPrimary.find()).isTrue();
        assertThat(Long.parseLong(notOnPrimary.group(1))).as("sealed rows under the old key").isPositive();

        Reply refused = op.post("/admin/keys", "/admin/keys/retire", Map.of("keyId", String.valueOf(before)));
        assertThat(refused.status()).isEqualTo(302);
        Reply shown = op.get("/admin/keys");
        assertThat(shown.body()).contains("id=\"refused\"").contains("Data key " + before + " was not retired:");
        awaitAudit("action = 'key.retire' AND actor_id = ? AND outcome = 'refused'", name);

        op.post("/admin/keys", "/admin/keys/rewrap", Map.of());
        // each read of the stream answers the progress so far and ends; read it again until the rewrap is done
        String events = Await.until("the rewrap's done event", Duration.ofSeconds(30), () -> {
            Reply stream = op.get("/admin/keys/rewrap/events");
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            return stream.body();
        }, body -> body.contains("\"phase\":\"done\""));
        assertThat(events).contains("event:progress").contains("\"percent\":100");
        assertThat(op.get("/admin/keys").body()).contains("0 row(s) not yet under the primary key").contains("Rewrap done:");
        awaitAudit("action = 'key.rotate' AND actor_id = ? AND outcome = 'success'", name);
        awaitAudit("action = 'key.rewrap' AND actor_id = ? AND outcome = 'started'", name);
        awaitAudit("action = 'key.rewrap' AND actor_type = 'system' AND outcome = 'success'");

        Reply signing = op.post("/admin/keys", "/admin/keys/signing/rotate", Map.of());
        assertThat(signing.status()).isEqualTo(302);
        assertThat(op.get("/admin/keys").body()).contains("New signing key");
        awaitAudit("action = 'signing_key.rotate' AND actor_id = ?", name);

        assertThat(new Operator().get("/admin/keys/rewrap/events").status()).as("no operator session").isEqualTo(302);
    }

    @Test
    void aSecondRewrapOnTheSameNodeIsRefusedWhileOneRuns() throws InterruptedException {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"));
        keys.rotate();
        assertThat(keys.status().rowsNotOnPrimary()).isGreaterThanOrEqualTo(2);
        RewrapJob job = new RewrapJob(keys, 1, 4); // one row per batch, four a second: still running below
        try {
            assertThat(job.start()).isTrue();
            assertThat(job.state().running()).isTrue();
            assertThat(job.start()).as("one at a time").isFalse();
            Await.until("the rewrap job to end", Duration.ofSeconds(60), () -> !job.state().running());
            assertThat(job.state().phase()).isEqualTo("done");
            assertThat(job.state().percent()).isEqualTo(100);
            assertThat(keys.status().rowsNotOnPrimary()).isZero();
            assertThat(job.start()).as("free again once done").isTrue();
        } finally {
            job.destroy();
        }
    }

    private static final Pattern VERSION = Pattern.compile("id=\"policy\".*?name=\"version\" value=\"(\\d+)\"", Pattern.DOTALL);

    static String effective(Reply page, String field) {
        Matcher m = Pattern.compile("data-field=\"" + field + "\".*?class=\"effective\">([^<]*)<", Pattern.DOTALL).matcher(page.body());
        assertThat(m.find()).as("row of " + field).isTrue();
        return m.group(1);
    }

    /** Each policy test starts from the configured defaults: what one saved is blanked again afterwards. */
    @AfterEach
    void policyBackToTheConfiguredDefaults() {
        java.util.Map<PolicyField, String> blank = new java.util.EnumMap<>(PolicyField.class);
        for (PolicyField f : PolicyField.values()) blank.put(f, "");
        policies.save(policies.view().version(), blank, "cleanup", null, null);
    }

    @Test
    void thePolicyPageShowsTheConfiguredDefaultsWithoutInlineStyleOrScript() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);

        Reply page = signedIn(name, createOperator(name)).get("/admin/policy");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-policy\"").contains("id=\"policy-fields\"").contains("configured default")
                .doesNotContain("style=\"").doesNotContain("<script>");
        assertThat(effective(page, "accountFailures")).isEqualTo("5");
        assertThat(effective(page, "requireMfa")).isEqualTo("off");
    }

    @Test
    void aSavedPolicyIsInForceShownByTheCommandLineAndAudited() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        Reply saved = op.post("/admin/policy", "/admin/policy", Map.of("version", version(op.get("/admin/policy")), "accountFailures", "3",
                "idleTimeout", "8h", "requireMfa", ""));

        assertThat(saved.status()).isEqualTo(302);
        Reply after = op.get("/admin/policy");
        assertThat(after.body()).contains("2 settings changed;").contains("stored by " + name);
        assertThat(effective(after, "accountFailures")).isEqualTo("3");
        assertThat(effective(after, "idleTimeout")).isEqualTo("8h");
        assertThat(policies.current().accountFailures()).isEqualTo(3);
        awaitAudit("action = 'policy.change' AND actor_id = ? AND outcome = 'success' AND details LIKE ?", name,
                "%\"account_failures\":\"5 (default) -> 3\"%");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(shown, true, StandardCharsets.UTF_8));
            assertThat(cli.run("admin", List.of("policy", "show"))).isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(shown.toString(StandardCharsets.UTF_8)).containsPattern("accountFailures +3 +stored by " + name)
                .containsPattern("requireMfa +off +configured default");
    }

    @Test
    void anInvalidSaveKeepsTheTypedValuesWithTheirMessagesSavesNothingAndIsAudited() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        Reply invalid = op.post("/admin/policy", "/admin/policy", Map.of("version", version(op.get("/admin/policy")), "accessTokenTtl", "2h",
                "baseWait", "soon", "clientFailures", "77", "accountFailures", "3"));

        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Enter a duration from 1m to 1h.").contains("Enter a duration such as 90s")
                .contains("value=\"2h\"").contains("value=\"soon\"").contains("value=\"77\"").contains("id=\"invalid\"");
        assertThat(policies.current().clientFailures()).as("nothing saved").isNotEqualTo(77);
        assertThat(policies.current().accountFailures()).as("nothing saved").isEqualTo(5);
        awaitAudit("action = 'policy.change' AND actor_id = ? AND outcome = 'invalid'", name);
    }

    @Test
    void aStaleSaveIsRefusedNamingWhoSavedMeanwhileKeepsTheTypedValueAndIsAudited() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        String stale = version(op.get("/admin/policy"));
        String other = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator second = signedIn(other, createOperator(other));
        assertThat(second.post("/admin/policy", "/admin/policy", Map.of("version", stale, "accountFailures", "4")).status())
                .isEqualTo(302);

        Reply conflict = op.post("/admin/policy", "/admin/policy", Map.of("version", stale, "accountFailures", "6"));

        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.body()).contains("id=\"conflict\"").contains(other + " saved version").contains("value=\"6\"");
        assertThat(effective(conflict, "accountFailures")).isEqualTo("4");
        assertThat(policies.current().accountFailures()).isEqualTo(4);
        awaitAudit("action = 'policy.change' AND actor_id = ? AND outcome = 'conflict'", name);
    }

    @Test
    void resetPutsAFieldBackToItsConfiguredDefaultAndIsAudited() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        assertThat(op.post("/admin/policy", "/admin/policy", Map.of("version", version(op.get("/admin/policy")), "accountFailures", "4"))
                .status()).isEqualTo(302);

        Reply reset = op.post("/admin/policy", "/admin/policy/reset", Map.of("version", version(op.get("/admin/policy")),
                "field", "accountFailures"));

        assertThat(reset.status()).isEqualTo(302);
        Reply defaults = op.get("/admin/policy");
        assertThat(defaults.body()).contains("Back to the configured default.");
        assertThat(effective(defaults, "accountFailures")).isEqualTo("5");
        assertThat(policies.current().accountFailures()).isEqualTo(5);
        awaitAudit("action = 'policy.change' AND actor_id = ? AND details LIKE ?", name, "%\"account_failures\":\"4 -> 5 (default)\"%");
    }

    @Test
    void thePolicyIsSavedOnlyWithTheCsrfTokenAndShownOnlyToAnOperator() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        assertThat(op.http.form("/admin/policy", Map.of("accountFailures", "1"), "Cookie", op.cookies()).status())
                .as("no CSRF token").isEqualTo(403);
        Reply anonymous = new Operator().get("/admin/policy");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/admin/signin");
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        HttpCalls api = new HttpCalls(port);
        String token = "Bearer " + api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"))
                .json().get("accessToken").asString();
        assertThat(api.get("/admin/policy", "Authorization", token).status()).as("a user is no operator").isEqualTo(302);
        assertThat(policies.current().accountFailures()).isEqualTo(5);
    }

    private static String version(Reply page) {
        Matcher m = VERSION.matcher(page.body());
        assertThat(m.find()).as("version field").isTrue();
        return m.group(1);
    }
}

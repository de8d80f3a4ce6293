package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.admin.operators.OperatorAuthenticator;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.RewrapOptions;
import org.vaultmail.vault.Secret;

import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.auth.session.SigningKeys;
import org.vaultmail.auth.users.ByOperator;
import org.vaultmail.auth.users.UserAdministration;
import org.vaultmail.auth.users.UserChangedByOperator;
import tools.jackson.databind.JsonNode;

/**
 * Every audited event type, caused by real actions (API, pages, command line) with canary passwords,
 * and then: no password, token, cookie secret, TOTP secret or recovery code in any audit entry, nor in
 * the event publications the audit log is fed from.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the events are caused once; each test checks one thing about them
class AuditCanaryTest extends AuthAppTestSupport {

    static final String IMAP_CANARY = "Audit-Imap-Canary-71c2e9";
    static final String WRONG_CANARY = "Audit-Wrong-Canary-0a8d31";
    static final String SMTP_CANARY = "Audit-Smtp-Canary-44f0b6";
    static final String CHANGED_CANARY = "Audit-Changed-Canary-9e1f52";
    static final String OPERATOR_CANARY = "Audit-Operator-Canary-5d7a20";
    static final String SIGNATURE_CANARY = "Audit-Signature-Canary-3c9e1d";
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");
    private static final Pattern RECOVERY = Pattern.compile("class=\"recovery-code\">([A-Z2-7]{5}-[A-Z2-7]{5})<");

    /** The expected set of actions: one or more per audited event type. */
    static final Set<String> ACTIONS = Set.of("signin", "session.revoke", "session.refresh_token_reused", "mfa.enrol",
            "mfa.disable", "mfa.verify", "mfa.recovery_code", "smtp_credentials.set", "smtp_credentials.clear",
            "smtp_credentials.test", "smtp_credentials.stale", "signing_key.rotate", "key.rotate", "key.rewrap",
            "key.retire", "operator.create", "operator.signin", "operator.delete", "signin.lockout",
            "operator.signin.failed", "operator.signin.lockout", "operator.signin.busy",
            "settings.identity.changed", "settings.remote_content.sender_added", "settings.remote_content.sender_removed",
            "settings.folder.created", "settings.folder.renamed", "settings.folder.unsubscribed", "settings.folder.subscribed",
            "settings.folder.deleted", "notification.sent", "notification.failed", "policy.change",
            "session.reauthenticate", "mfa.recovery_codes_replace");

    @DynamicPropertySource
    static void retireAtOnce(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.vault.retire-settle-ms", () -> "0");
        registry.add("vaultmail.auth.throttle.account-failures", () -> "2");
        // operator sign-in (ADR 0027): a lockout after 2 failures, counts written each second, a gate that is soon full
        registry.add("vaultmail.admin.signin.name-failures", () -> "2");
        registry.add("vaultmail.admin.signin.audit-window", () -> "1s");
        registry.add("vaultmail.admin.signin.argon2-threads", () -> "1");
        registry.add("vaultmail.admin.signin.argon2-queue", () -> "1");
        // notification mail to the users' own GreenMail (ADR 0023)
        registry.add("vaultmail.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.notifications.smtp.port", MAIL::smtpPort);
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.from", () -> "no-reply@example.test");
    }

    @Autowired
    UserAdministration userAdministration;

    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandLineInterface cli;

    @Autowired
    KeyManagement keys;

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    OperatorAuthenticator operators;

    @Autowired
    AuthPolicies policies;

    final List<String> secrets = new ArrayList<>(List.of(IMAP_CANARY, WRONG_CANARY, SMTP_CANARY, CHANGED_CANARY, OPERATOR_CANARY,
            SIGNATURE_CANARY));

    /** Who the events are about; set once the events have been caused. */
    String address;

    @BeforeAll
    void causeEveryAuditedEventWithCanarySecrets() throws Exception {
        address = newUser(IMAP_CANARY);
        String smtpUser = newUser(SMTP_CANARY);
        String token = signInsRefreshesAndLockout();
        smtpCredentialsAndSettings(token, smtpUser);
        MAIL.greenMail().getUserManager().getUserByEmail(address).setPassword(CHANGED_CANARY);
        keep(signIn(address, CHANGED_CANARY).json());
        mfaThroughThePagesAndProofsOverTheApi(token);
        keyRotations();
        operatorsAndTheirSignIns();
        policyChangedAndReset();
        sessionsEndedByAnOperatorAndAnUnmailableNotification();
        awaitActions();
    }

    @Test
    void everyAuditedEventTypeHasAnEntry() {
        assertThat(new TreeSet<>(jdbc.queryForList("SELECT DISTINCT action FROM audit_entry", String.class))).containsAll(ACTIONS);
    }

    @Test
    void noAuditEntryContainsASecret() {
        String audit = String.join("\n", jdbc.queryForList("SELECT * FROM audit_entry").stream().map(Object::toString).toList());
        for (String s : secrets) {
            if (s.length() < 8) continue;
            assertThat(audit).as("audit entries").doesNotContain(s).doesNotContain(s.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void noEventPublicationContainsASecret() {
        String publications = String.join("\n", jdbc.queryForList("SELECT * FROM event_publication").stream().map(Object::toString).toList());
        for (String s : secrets) {
            if (s.length() >= 8) assertThat(publications).as("event publications").doesNotContain(s);
        }
    }

    @Test
    void theSessionsEndedMailArrivesAndContainsNoSecret() {
        // wait for this test's own notification: "notification.sent" may already be in the shared log from another test's
        String mails = Await.until("the notification mail", Duration.ofSeconds(30),
                () -> String.join("\n", java.util.Arrays.stream(MAIL.greenMail().getReceivedMessages())
                        .map(com.icegreen.greenmail.util.GreenMailUtil::getWholeMessage).toList()),
                m -> m.contains("You were signed out of your account everywhere"));
        assertThat(mails).as("the notification mail").contains("You were signed out of your account everywhere");
        for (String s : secrets) {
            if (s.length() >= 8) assertThat(mails).as("notification mail").doesNotContain(s);
        }
    }

    @Test
    void theAuditLogNamesTheLockoutTheUserAndTheOperator() {
        String audit = String.join("\n", jdbc.queryForList("SELECT * FROM audit_entry").stream().map(Object::toString).toList());
        assertThat(audit).contains("locked_out", address, "operator:audit-canary-op");
    }

    @Test
    void anIdenticalIdentitySaveAddsNoSecondEntryAndAChangeNamesItsFieldsOnly() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE action = 'settings.identity.changed'", Long.class))
                .as("an identical save changes nothing").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT details FROM audit_entry WHERE action = 'settings.identity.changed'", String.class))
                .contains("\"fields\":\"display_name,signature\"");
    }

    @Test
    void trustingASenderAlreadyTrustedAddsNoSecondEntry() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE action = 'settings.remote_content.sender_added'", Long.class))
                .as("a sender already trusted").isEqualTo(1);
    }

    @Test
    void aPolicyChangeNamesTheFieldItsDefaultAndTheNewValue() {
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'policy.change'", String.class))
                .anySatisfy(d -> assertThat(d).contains("\"smtp_tests_per_hour\":\"20 (default) -> 7\"").doesNotContain("smtpTestsPerHour"));
    }

    /** Sign-in, failure, lock-out, refresh, refresh-token reuse, revoke; answers a bearer token of a fresh session. */
    private String signInsRefreshesAndLockout() throws Exception {
        JsonNode first = signIn(address, IMAP_CANARY).json();
        keep(first);
        String other = newUser(IMAP_CANARY);
        for (int i = 0; i < 3; i++) signIn(other, WRONG_CANARY);
        JsonNode second = http().send("POST", "/api/v1/sessions/refresh", json("refreshToken", first.get("refreshToken").asString())).json();
        keep(second);
        clock.advance(Duration.ofSeconds(11));
        http().send("POST", "/api/v1/sessions/refresh", json("refreshToken", first.get("refreshToken").asString()));
        JsonNode session = signIn(address, IMAP_CANARY).json();
        keep(session);
        return bearer(session.get("accessToken").asString());
    }

    /** SMTP credentials (test, set, clear, set again); an identity, remote-content senders, folders. */
    private void smtpCredentialsAndSettings(String token, String smtpUser) throws Exception {
        http().send("POST", "/api/v1/settings/smtp/test", json("username", smtpUser, "password", SMTP_CANARY), "Authorization", token);
        http().send("PUT", "/api/v1/settings/smtp", json("username", smtpUser, "password", SMTP_CANARY), "Authorization", token);
        http().send("DELETE", "/api/v1/settings/smtp", null, "Authorization", token);
        http().send("PUT", "/api/v1/settings/smtp", json("username", smtpUser, "password", SMTP_CANARY), "Authorization", token);
        // the identity's signature is the user's own text
        http().send("PUT", "/api/v1/identities/" + address, json("name", "Canary Person", "signature", SIGNATURE_CANARY),
                "Authorization", token);
        http().send("PUT", "/api/v1/identities/" + address, json("name", "Canary Person", "signature", SIGNATURE_CANARY),
                "Authorization", token); // no change: no second entry
        http().send("POST", "/api/v1/settings/remote-content/senders", json("address", "news@sender.test"), "Authorization", token);
        http().send("POST", "/api/v1/settings/remote-content/senders", json("address", "News@Sender.test"), "Authorization", token);
        http().send("DELETE", "/api/v1/settings/remote-content/senders/news@sender.test", null, "Authorization", token);
        http().send("POST", "/api/v1/folders", json("path", "CanaryFolder"), "Authorization", token);
        http().send("PATCH", "/api/v1/folders/CanaryFolder", json("path", "CanaryFolder2", "subscribed", false), "Authorization", token);
        http().send("PATCH", "/api/v1/folders/CanaryFolder2", json("subscribed", true), "Authorization", token);
        http().send("DELETE", "/api/v1/folders/CanaryFolder2", null, "Authorization", token);
    }

    /**
     * MFA through the pages: enrol (after the password again, ADR 0026; wrong code first), sign in with a recovery
     * code, new recovery codes, disable; then proofs by password over the API.
     */
    private void mfaThroughThePagesAndProofsOverTheApi(String token) throws Exception {
        FormClient browser = new FormClient(http());
        browser.signIn(address, CHANGED_CANARY);
        browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", CHANGED_CANARY));
        String secret = group(SECRET, browser.get("/settings/security").body());
        browser.submit("/settings/security", "/settings/security/confirm", Map.of("code", "abcdef"));
        Totp totp = Totp.standard(clock);
        Reply enrolled = browser.submit("/settings/security", "/settings/security/confirm",
                Map.of("code", totp.code(Base32.decode(secret), totp.currentStep())));
        List<String> recovery = RECOVERY.matcher(enrolled.body()).results().map(m -> m.group(1)).toList();
        assertThat(recovery).hasSize(10);
        secrets.add(secret);
        secrets.add(HexFormat.of().formatHex(Base32.decode(secret)));
        recovery.forEach(c -> {
            secrets.add(c);
            secrets.add(c.replace("-", ""));
        });
        for (String cookie : browser.cookies().split("; ")) secrets.add(cookie.substring(cookie.indexOf('=') + 1));
        FormClient second2 = new FormClient(http());
        second2.signIn(address, CHANGED_CANARY);
        second2.submit("/signin/code", "/signin/code", Map.of("code", recovery.getFirst()));
        for (String cookie : second2.cookies().split("; ")) secrets.add(cookie.substring(cookie.indexOf('=') + 1));
        clock.advance(Duration.ofSeconds(60));
        Reply replaced = second2.submit("/settings/security", "/settings/security/recovery-codes",
                Map.of("reauthCode", totp.code(Base32.decode(secret), totp.currentStep())));
        List<String> replacedCodes = RECOVERY.matcher(replaced.body()).results().map(m -> m.group(1)).toList();
        assertThat(replacedCodes).hasSize(10);
        replacedCodes.forEach(c -> {
            secrets.add(c);
            secrets.add(c.replace("-", ""));
        });
        second2.submit("/settings/security", "/settings/security/disable", Map.of());
        // with the wrong confirm code, this wrong proof reaches the account's threshold (2 here): the right password
        // is then not even checked
        http().send("POST", "/api/v1/sessions/current/reauthenticate", json("password", WRONG_CANARY), "Authorization", token);
        http().send("POST", "/api/v1/sessions/current/reauthenticate", json("password", CHANGED_CANARY), "Authorization", token);
    }

    /** Signing key, data key rotate, rewrap, retire. */
    private void keyRotations() {
        signingKeys.rotate();
        long old = keys.rotate().previousPrimaryKeyId();
        keys.rewrap(RewrapOptions.defaults(), p -> { });
        // retire waits until the new primary is older than the settle time, measured on the test clock
        clock.advance(Duration.ofMinutes(1));
        keys.retire(old);
    }

    /** Operators through the command line, refused operator sign-ins, a flood the gate refuses as busy. */
    private void operatorsAndTheirSignIns() throws Exception {
        var stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream((OPERATOR_CANARY + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("admin", List.of("create", "audit-canary-op"))).isZero();
        } finally {
            System.setIn(stdin);
        }
        try (Secret password = Secret.ofUtf8(OPERATOR_CANARY)) {
            // a wrong code twice (the lockout starts), once more refused during the wait (counted in aggregate)
            for (int i = 0; i < 3; i++) {
                assertThat(operators.verify("audit-canary-op", password, "000000", "192.0.2.9", "Canary-Agent")).isFalse();
            }
        }
        // more operator sign-ins at once than the gate takes: some are refused as busy
        try (var flood = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                int n = i;
                flood.submit(() -> {
                    try (Secret password = Secret.ofUtf8(OPERATOR_CANARY)) {
                        return operators.verify("audit-canary-op-" + n, password, "000000", "192.0.2." + (20 + n), "Canary-Agent");
                    } catch (org.vaultmail.admin.operators.OperatorSignInBusyException e) {
                        return false;
                    }
                });
            }
        }
        assertThat(cli.run("admin", List.of("delete", "audit-canary-op"))).isZero();
    }

    /** The sign-in policy: changed, then back to the configured default (the database is shared with other tests). */
    private void policyChangedAndReset() {
        assertThat(policies.save(policies.view().version(), Map.of(PolicyField.SMTP_TESTS_PER_HOUR, "7"), "audit-canary-op",
                "192.0.2.9", "Canary-Agent").outcome()).isEqualTo(AuthPolicies.Outcome.SAVED);
        assertThat(policies.save(policies.view().version(), Map.of(PolicyField.SMTP_TESTS_PER_HOUR, ""), "audit-canary-op",
                "192.0.2.9", "Canary-Agent").outcome()).isEqualTo(AuthPolicies.Outcome.SAVED);
    }

    /** An operator ends the user's sessions: the user is mailed; a notification to an unmailable address is given up. */
    private void sessionsEndedByAnOperatorAndAnUnmailableNotification() {
        long userId = jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, address);
        assertThat(userAdministration.revokeAll(userId, new ByOperator("audit-canary-op", "192.0.2.9"))).isPositive();
        tx.executeWithoutResult(s -> publisher.publishEvent(new UserChangedByOperator(java.util.UUID.randomUUID(), userId,
                "not an address", UserChangedByOperator.Change.MFA_RESET, "audit-canary-op", null, Instant.now())));
    }

    private void awaitActions() {
        Await.until("every audit action of " + new TreeSet<>(ACTIONS), Duration.ofSeconds(30),
                () -> new TreeSet<>(jdbc.queryForList("SELECT DISTINCT action FROM audit_entry", String.class)),
                seen -> seen.containsAll(ACTIONS));
    }

    private void keep(JsonNode tokens) {
        for (String field : List.of("accessToken", "refreshToken")) {
            if (tokens.has(field)) secrets.add(tokens.get(field).asString());
        }
    }

    private static String json(Object... pairs) {
        return org.vaultmail.testing.HttpCalls.json(pairs);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("pattern %s", pattern).isTrue();
        return m.group(1);
    }
}

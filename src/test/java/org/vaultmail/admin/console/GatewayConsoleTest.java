package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.policy.GatewayPolicyField;
import org.vaultmail.gateway.policy.StoredGatewayPolicies;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * The console's sending API pages over real HTTP (ADR 0040): the gateway policy saved, validated, refused when stale,
 * reset, in force at once and audited; the per-user page built from rows written directly (counts, prefixes, states,
 * never a digest or ciphertext); its actions change the rows and are audited; all of it behind the operator session and
 * CSRF. H2, GreenMail.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayConsoleTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String OPERATOR_PASSWORD = "Gateway-Console-Canary-93c1";
    private static final Pattern VERSION = Pattern.compile("id=\"policy\".*?name=\"version\" value=\"(\\d+)\"", Pattern.DOTALL);

    GatewayConsoleTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-gateway-console-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.gateway.mailboxes.max-per-user", () -> "4");
        registry.add("vaultmail.gateway.outbox.domains[limited.test].per-minute", () -> "7");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @Autowired
    StoredGatewayPolicies stored;

    @Autowired
    GatewayPolicies policies;

    @Autowired
    org.vaultmail.gateway.console.GatewayOperatorActions actions;

    @Test
    void theStoredPolicyIsTheOneEveryConsumerGets() {
        assertThat(policies).isSameAs(stored);
        assertThat(policies.current().maxMailboxesPerUser()).as("configured default").isEqualTo(4);
        assertThat(policies.current().perMinute("limited.test")).isEqualTo(7);
    }

    /** Each policy test starts from the configured defaults: what one saved is blanked again afterwards. */
    @AfterEach
    void policyBackToTheConfiguredDefaults() {
        Map<GatewayPolicyField, String> blank = new EnumMap<>(GatewayPolicyField.class);
        for (GatewayPolicyField f : GatewayPolicyField.values()) blank.put(f, "");
        stored.save(stored.view().version(), blank, "cleanup", null);
    }

    @Test
    void thePolicyPageShowsTheConfiguredDefaultsWithoutInlineStyleOrScript() {
        String name = newName();
        Reply page = signedIn(name, createOperator(name)).get("/admin/api/policy");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"nav-api\"").contains("id=\"policy-fields\"").contains("configured default")
                .doesNotContain("style=\"").doesNotContain("<script>");
        assertThat(effective(page, "maxMailboxesPerUser")).isEqualTo("4");
        assertThat(effective(page, "apiKeysRequireSecondFactor")).isEqualTo("on");
        assertThat(effective(page, "domainSendLimits")).isEqualTo("limited.test=7/");
    }

    @Test
    void aSavedPolicyIsInForceAtOnceShownByTheCommandLineAndAudited() {
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        Reply saved = op.post("/admin/api/policy", "/admin/api/policy", Map.of("version", version(op.get("/admin/api/policy")),
                "maxMailboxesPerUser", "2", "disabledDomains", "Blocked.test, other.test", "apiKeysRequireSecondFactor", "off",
                "apiKeyMaxLifetime", "30d", "domainSendLimits", "example.test=5/100, limited.test=/50"));

        assertThat(saved.status()).isEqualTo(302);
        Reply after = op.get("/admin/api/policy");
        assertThat(after.body()).contains("5 settings changed;").contains("stored by " + name);
        assertThat(effective(after, "disabledDomains")).isEqualTo("blocked.test, other.test");
        var p = policies.current();
        assertThat(p.maxMailboxesPerUser()).as("in force at once on the saving node").isEqualTo(2);
        assertThat(p.connectingAllowed("BLOCKED.test")).isFalse();
        assertThat(p.connectingAllowed("example.test")).isTrue();
        assertThat(p.apiKeysRequireSecondFactor()).isFalse();
        assertThat(p.apiKeyMaxLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(p.perMinute("example.test")).isEqualTo(5);
        assertThat(p.perDay("example.test")).isEqualTo(100);
        assertThat(p.perMinute("limited.test")).as("blank side: the default").isEqualTo(60);
        assertThat(p.perDay("limited.test")).isEqualTo(50);
        awaitAudit("action = 'gateway.policy.change' AND actor_type = 'operator' AND actor_id = ? AND outcome = 'success' "
                + "AND details LIKE ? AND details LIKE ?", name, "%\"max_mailboxes_per_user\":\"4 (default) -> 2\"%",
                "%\"api_keys_require_second_factor\":\"on (default) -> off\"%");
        String shown = cli("admin", "api", "show");
        assertThat(shown).containsPattern("maxMailboxesPerUser +2 +stored by " + name)
                .containsPattern("sendPerMinute +60 +configured default");
    }

    @Test
    void anInvalidSaveKeepsTheTypedValuesWithTheirMessagesSavesNothingAndIsAudited() {
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        Reply invalid = op.post("/admin/api/policy", "/admin/api/policy", Map.of("version", version(op.get("/admin/api/policy")),
                "maxMailboxesPerUser", "2000", "disabledDomains", "not a domain!", "apiKeyMaxLifetime", "soon",
                "domainSendLimits", "example.test=0/5", "sendPerMinute", "9"));

        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Enter a number from 0 to 1000.").contains("is not a domain name")
                .contains("Enter a duration such as 30d").contains("per minute from 1 to").contains("id=\"invalid\"")
                .contains("value=\"2000\"").contains("value=\"soon\"").contains("value=\"9\"");
        assertThat(policies.current().sendPerMinute()).as("nothing saved").isEqualTo(60);
        awaitAudit("action = 'gateway.policy.change' AND actor_id = ? AND outcome = 'invalid'", name);
    }

    @Test
    void aDailyLimitBelowThePerMinuteLimitIsRefused() {
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        Reply crossed = op.post("/admin/api/policy", "/admin/api/policy", Map.of("version", version(op.get("/admin/api/policy")),
                "sendPerMinute", "500", "sendPerDay", "100"));

        assertThat(crossed.status()).isEqualTo(200);
        assertThat(crossed.body()).contains("Enter at least the per-minute limit (500).");
        assertThat(policies.current().sendPerMinute()).as("nothing saved").isEqualTo(60);
    }

    @Test
    void aStaleSaveIsRefusedNamingWhoSavedMeanwhileKeepsTheTypedValueAndIsAudited() {
        String name = newName();
        Operator op = signedIn(name, createOperator(name));
        String stale = version(op.get("/admin/api/policy"));
        String other = newName();
        Operator second = signedIn(other, createOperator(other));
        assertThat(second.post("/admin/api/policy", "/admin/api/policy", Map.of("version", stale, "maxMailboxesPerUser", "3"))
                .status()).isEqualTo(302);

        Reply conflict = op.post("/admin/api/policy", "/admin/api/policy", Map.of("version", stale, "maxMailboxesPerUser", "6"));

        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.body()).contains("id=\"conflict\"").contains(other + " saved version").contains("value=\"6\"");
        assertThat(effective(conflict, "maxMailboxesPerUser")).isEqualTo("3");
        assertThat(policies.current().maxMailboxesPerUser()).isEqualTo(3);
        awaitAudit("action = 'gateway.policy.change' AND actor_id = ? AND outcome = 'conflict'", name);
    }

    @Test
    void resetPutsAFieldBackToItsConfiguredDefaultAndIsAudited() {
        String name = newName();
        Operator op = signedIn(name, createOperator(name));
        assertThat(op.post("/admin/api/policy", "/admin/api/policy", Map.of("version", version(op.get("/admin/api/policy")),
                "maxMailboxesPerUser", "3")).status()).isEqualTo(302);

        Reply reset = op.post("/admin/api/policy", "/admin/api/policy/reset", Map.of("version", version(op.get("/admin/api/policy")),
                "field", "maxMailboxesPerUser"));

        assertThat(reset.status()).isEqualTo(302);
        Reply defaults = op.get("/admin/api/policy");
        assertThat(defaults.body()).contains("Back to the configured default.");
        assertThat(effective(defaults, "maxMailboxesPerUser")).isEqualTo("4");
        assertThat(policies.current().maxMailboxesPerUser()).isEqualTo(4);
        awaitAudit("action = 'gateway.policy.change' AND actor_id = ? AND details LIKE ?", name,
                "%\"max_mailboxes_per_user\":\"3 -> 4 (default)\"%");
    }

    @Test
    void thePolicyIsSavedOnlyWithTheCsrfTokenAndShownOnlyToAnOperator() {
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        assertThat(op.http.form("/admin/api/policy", Map.of("version", version(op.get("/admin/api/policy")), "maxMailboxesPerUser", "1"),
                "Cookie", op.cookies()).status()).as("no CSRF token").isEqualTo(403);
        assertThat(policies.current().maxMailboxesPerUser()).isEqualTo(4);
        Reply anonymous = new Operator().get("/admin/api/policy");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/admin/signin");
    }

    @Test
    void theApiPageShowsCountsPrefixesAndStatesFromTheRowsButNeverADigestOrCiphertext() {
        GatewayRows rows = new GatewayRows(jdbc);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String alice = "alice-" + tag + "@example.test";
        long aliceId = rows.user(alice);
        rows.key(aliceId, "vmk_Al1ce" + tag, "ci deploy", false);
        rows.key(aliceId, "vmk_Al2ce" + tag, "laptop", false);
        rows.key(aliceId, "vmk_Al3ce" + tag, "old", true);
        long own = rows.mailbox(aliceId, alice, "own", "connected");
        long shared = rows.mailbox(aliceId, "noreply-" + tag + "@example.test", "shared", "needs_reauth");
        rows.mailbox(aliceId, "billing-" + tag + "@example.test", "shared", "disabled");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) rows.message(aliceId, own, "sent", now);
        rows.message(aliceId, own, "sent", now.minus(Duration.ofDays(2)));
        rows.message(aliceId, own, "failed", now);
        rows.message(aliceId, own, "delivery_uncertain", now);
        rows.message(aliceId, shared, "held", now);
        rows.message(aliceId, shared, "held", now.minus(Duration.ofDays(9)));
        rows.user("nobody-" + tag + "@example.test");

        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        Reply page = op.get("/admin/api?q=" + tag);
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("id=\"nav-api\"").contains("id=\"totals\"").doesNotContain("style=\"").doesNotContain("<script>");
        String row = row(body, alice);
        assertThat(row).contains("2 active, 1 revoked").contains("vmk_Al1ce" + tag).contains("ci deploy").contains("vmk_Al3ce" + tag)
                .contains("data-state=\"revoked\"").contains("noreply-" + tag).contains("needs re-authentication")
                .contains("shared").contains("billing-" + tag);
        assertThat(row.replaceAll("\\s+", " ")).contains("class=\"failures\">1 / 1<").contains("class=\"holds\">2<");
        Matcher days = Pattern.compile("class=\"day\"[^>]*>(\\d+)").matcher(row);
        List<String> perDay = days.results().map(m -> m.group(1)).toList();
        assertThat(perDay).containsExactly("0", "0", "0", "0", "1", "0", "6");
        assertThat(body).contains("nobody-" + tag).as("a search lists every matching user");
        assertThat(body).doesNotContain(GatewayRows.DIGEST_CANARY).doesNotContain(GatewayRows.CIPHERTEXT_CANARY)
                .doesNotContain(OPERATOR_PASSWORD);

        Reply everyone = op.get("/admin/api");
        assertThat(everyone.body()).contains(alice).doesNotContain("nobody-" + tag)
                .as("without a search only users of the gateway");
        assertThat(text(everyone.body(), "total-keys")).matches("\\d+ / \\d+");
        assertThat(Long.parseLong(text(everyone.body(), "total-holds"))).isGreaterThanOrEqualTo(2);
        assertThat(everyone.body()).doesNotContain(GatewayRows.DIGEST_CANARY).doesNotContain(GatewayRows.CIPHERTEXT_CANARY);

        String shown = cli("admin", "api", "show");
        assertThat(shown).contains(alice).contains("vmk_Al1ce" + tag).doesNotContain(GatewayRows.DIGEST_CANARY)
                .doesNotContain(GatewayRows.CIPHERTEXT_CANARY);
    }

    /** A user of the gateway written as rows: an API key and a connected mailbox of their own. */
    private record Bob(String tag, String address, long id, long key, long mailbox) {
        String page() {
            return "/admin/api?q=" + tag;
        }
    }

    private Bob bob() {
        GatewayRows rows = new GatewayRows(jdbc);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String bob = "bob-" + tag + "@example.test";
        long bobId = rows.user(bob);
        long key = rows.key(bobId, "vmk_B0b" + tag, "script", false);
        long mailbox = rows.mailbox(bobId, bob, "own", "connected");
        return new Bob(tag, bob, bobId, key, mailbox);
    }

    @Test
    void actionsNeedTheCsrfTokenAndAnOperatorSession() {
        Bob bob = bob();
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        assertThat(op.http.form("/admin/api/users/" + bob.id() + "/disable", Map.of(), "Cookie", op.cookies()).status())
                .as("no CSRF token").isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM gateway_user_access WHERE user_id = ?", bob.id())).isZero();
        Reply anonymous = new Operator().get("/admin/api");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/admin/signin");
        String user = "u" + bob.tag() + "@example.test";
        MAIL.createUser(user, "user-pw");
        HttpCalls api = new HttpCalls(port);
        String token = "Bearer " + api.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"))
                .json().get("accessToken").asString();
        assertThat(api.get("/admin/api", "Authorization", token).status()).as("a user is no operator").isEqualTo(302);
        assertThat(api.send("POST", "/admin/api/users/" + bob.id() + "/disable", "", "Authorization", token).status())
                .as("a user cannot act").isIn(302, 403);
        assertThat(count("SELECT COUNT(*) FROM gateway_user_access WHERE user_id = ?", bob.id())).isZero();
    }

    @Test
    void switchingApiAccessOffAndOnChangesTheRowAndIsAuditedAnUnchangedSwitchToo() {
        Bob bob = bob();
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        Reply disabled = op.post(bob.page(), "/admin/api/users/" + bob.id() + "/disable", Map.of("q", bob.tag()));

        assertThat(disabled.status()).isEqualTo(302);
        assertThat(disabled.header("Location")).contains("q=" + bob.tag());
        assertThat(jdbc.queryForObject("SELECT disabled_by FROM gateway_user_access WHERE user_id = ?", String.class, bob.id())).isEqualTo(name);
        Reply shown = op.get(bob.page());
        assertThat(shown.body()).contains("API access switched off: the user").contains("API access switched off by " + name);
        awaitAudit("action = 'gateway.apiaccess.disabled' AND actor_type = 'operator' AND actor_id = ? AND target = ? AND outcome = 'success'",
                name, "user:" + bob.id());
        op.post(bob.page(), "/admin/api/users/" + bob.id() + "/disable", Map.of());
        awaitAudit("action = 'gateway.apiaccess.disabled' AND actor_id = ? AND outcome = 'unchanged'", name);
        op.post(bob.page(), "/admin/api/users/" + bob.id() + "/enable", Map.of());
        assertThat(count("SELECT COUNT(*) FROM gateway_user_access WHERE user_id = ?", bob.id())).isZero();
        awaitAudit("action = 'gateway.apiaccess.enabled' AND actor_id = ? AND target = ? AND outcome = 'success'", name, "user:" + bob.id());
    }

    @Test
    void disablingAndEnablingAMailboxChangesItsStateAndIsAudited() {
        Bob bob = bob();
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        op.post(bob.page(), "/admin/api/mailboxes/" + bob.mailbox() + "/disable", Map.of());

        assertThat(jdbc.queryForMap("SELECT state, disabled_by FROM connected_mailboxes WHERE id = ?", bob.mailbox()))
                .containsEntry("STATE", "disabled").containsEntry("DISABLED_BY", name);
        awaitAudit("action = 'gateway.mailbox.disabled' AND actor_id = ? AND target = ? AND outcome = 'success' AND details LIKE ?",
                name, "mailbox:" + bob.mailbox(), "%" + bob.address() + "%");
        op.post(bob.page(), "/admin/api/mailboxes/" + bob.mailbox() + "/enable", Map.of());
        assertThat(jdbc.queryForMap("SELECT state, disabled_by FROM connected_mailboxes WHERE id = ?", bob.mailbox()))
                .containsEntry("STATE", "connected").containsEntry("DISABLED_BY", null);
        awaitAudit("action = 'gateway.mailbox.enabled' AND actor_id = ? AND target = ?", name, "mailbox:" + bob.mailbox());
    }

    @Test
    void revokingAKeyNamesTheOperatorAndTheAuditEntryNamesItsPrefixNeverItsDigest() {
        Bob bob = bob();
        String name = newName();
        Operator op = signedIn(name, createOperator(name));

        op.post(bob.page(), "/admin/api/keys/" + bob.key() + "/revoke", Map.of());

        assertThat(jdbc.queryForObject("SELECT revoked_by FROM api_keys WHERE id = ?", String.class, bob.key())).isEqualTo("operator:" + name);
        assertThat(op.get(bob.page()).body()).contains("API key revoked").contains("0 active, 1 revoked");
        awaitAudit("action = 'gateway.apikey.revoked' AND actor_id = ? AND target = ? AND outcome = 'success' AND details LIKE ?",
                name, "apikey:" + bob.key(), "%vmk_B0b" + bob.tag() + "%");
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE details LIKE ?", "%" + GatewayRows.DIGEST_CANARY + "%")).isZero();
    }

    @Test
    void theCommandLineSwitchesApiAccessOffAndOnAndIsAudited() {
        Bob bob = bob();

        assertThat(cli("admin", "api", "disable-user", bob.address().toUpperCase())).contains("switched off");

        assertThat(jdbc.queryForObject("SELECT disabled_by FROM gateway_user_access WHERE user_id = ?", String.class, bob.id())).isEqualTo("cli");
        awaitAudit("action = 'gateway.apiaccess.disabled' AND actor_id = 'cli' AND target = ?", "user:" + bob.id());
        assertThat(cli("admin", "api", "enable-user", bob.address())).contains("switched on again");
        assertThat(count("SELECT COUNT(*) FROM gateway_user_access WHERE user_id = ?", bob.id())).isZero();
    }

    /** A double click, or two operators at once: one switches access off, the others find it off; none gets a 500. */
    @Test
    void parallelSwitchesOfOneUsersAccessAreOneChangeAndNoError() throws Exception {
        GatewayRows rows = new GatewayRows(jdbc);
        long userId = rows.user("par-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test");
        java.util.List<java.util.concurrent.Future<org.vaultmail.gateway.console.GatewayOperatorActions.Outcome>> outcomes = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return actions.disableApiAccess(userId, "op-parallel", null);
                }));
            }
            start.countDown();
            java.util.List<org.vaultmail.gateway.console.GatewayOperatorActions.Outcome> done = new java.util.ArrayList<>();
            for (var f : outcomes) done.add(f.get());
            assertThat(done).containsOnly(org.vaultmail.gateway.console.GatewayOperatorActions.Outcome.DONE,
                    org.vaultmail.gateway.console.GatewayOperatorActions.Outcome.UNCHANGED);
            assertThat(done).filteredOn(o -> o == org.vaultmail.gateway.console.GatewayOperatorActions.Outcome.DONE).hasSize(1);
        }
        assertThat(count("SELECT COUNT(*) FROM gateway_user_access WHERE user_id = ?", userId)).isEqualTo(1);
    }

    @Test
    void manyUsersArePagedFiftyAtATimeAndSearchedByAddress() {
        GatewayRows rows = new GatewayRows(jdbc);
        String tag = "pg" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 55; i++) {
            long id = rows.user(String.format("%s-%02d@example.test", tag, i));
            rows.key(id, "vmk_P" + i, "k" + i, false);
        }
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        Reply first = op.get("/admin/api?q=" + tag);
        assertThat(first.body().split("class=\"api-user\"", -1)).hasSize(51);
        assertThat(first.body()).contains("Showing 50 of 55 users (page 1 of 2)").contains("id=\"page-next\"")
                .contains(tag + "-00@").doesNotContain(tag + "-50@");
        Reply second = op.get("/admin/api?q=" + tag + "&page=1");
        assertThat(second.body().split("class=\"api-user\"", -1)).hasSize(6);
        assertThat(second.body()).contains(tag + "-54@").contains("id=\"page-prev\"").doesNotContain(tag + "-00@");
        assertThat(op.get("/admin/api?q=" + tag + "&page=abc").status()).as("a hand-edited page number").isEqualTo(200);
        assertThat(op.get("/admin/api?q=" + tag + "&page=99").body()).as("past the end: the last page").contains("page 2 of 2");
        assertThat(op.get("/admin/api?q=" + tag.toUpperCase() + "-07").body()).contains("Showing 1 of 1 users");
    }

    private static String newName() {
        return "op-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private String cli(String command, String... args) {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(shown, true, StandardCharsets.UTF_8));
            assertThat(cli.run(command, List.of(args))).isZero();
        } finally {
            System.setOut(stdout);
        }
        return shown.toString(StandardCharsets.UTF_8);
    }

    static String effective(Reply page, String field) {
        Matcher m = Pattern.compile("data-field=\"" + field + "\".*?class=\"effective\">([^<]*)<", Pattern.DOTALL).matcher(page.body());
        assertThat(m.find()).as("row of " + field).isTrue();
        return m.group(1);
    }

    private static String row(String body, String address) {
        Matcher m = Pattern.compile("<tr class=\"api-user\"[^>]*data-address=\"" + Pattern.quote(address) + "\".*?</tr>", Pattern.DOTALL)
                .matcher(body);
        assertThat(m.find()).as("row of " + address).isTrue();
        return m.group();
    }

    private static String text(String body, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(body);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1);
    }

    private static String version(Reply page) {
        Matcher m = VERSION.matcher(page.body());
        assertThat(m.find()).as("version field").isTrue();
        return m.group(1);
    }
}

package org.vaultmail.gateway.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.Enrolled;
import org.vaultmail.auth.mfa.RecentAuthenticationException;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/** API keys end to end: management API, the bearer credential on its paths, refusals, audit and canaries. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ApiKeysAppTestSupport.ClockConfig.class, ApiKeysAppTestSupport.Policies.class, GrantProbe.class})
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysApiTest extends ApiKeysAppTestSupport {

    static final int PER_MINUTE = 8;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.gateway.api-keys.requests-per-minute", () -> Integer.toString(PER_MINUTE));
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MutablePolicies policies;

    @AfterEach
    void policyBack() {
        policies.requireSecondFactor(false);
    }

    @org.junit.jupiter.api.BeforeEach
    void policyOff() {
        policies.requireSecondFactor(false);
    }

    @Test
    void outsideTheDemoThereIsNoTrustedIssuerAndNoTrustedMailboxConnection(
            @Autowired org.springframework.context.ApplicationContext context) {
        assertThat(context.getBeanProvider(TrustedApiKeyIssuer.class).getIfAvailable()).isNull();
        assertThat(context.getBeanProvider(org.vaultmail.gateway.mailboxes.TrustedMailboxConnections.class).getIfAvailable()).isNull();
    }

    @Test
    void aCreatedKeyAuthenticatesOnTheOutboxWithItsScopesAndMailboxes() {
        String address = newUser("pw");
        String me = session(address, "pw");
        long box = connectedMailbox(jdbc, userId(jdbc, address), "noreply-" + address);
        Reply created = create(me, json("name", "deploy", "scopes", List.of("send", "outbox:read"), "mailboxes", List.of(box)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        String key = body.get("key").asString();
        assertThat(key).startsWith("vmk_").hasSize(40);
        assertThat(body.get("prefix").asString()).isEqualTo(key.substring(0, 10));
        assertThat(body.get("expiresAt").asString()).isNotBlank();

        Reply grant = use(key);
        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        assertThat(grant.json().get("keyId").asLong()).isEqualTo(body.get("id").asLong());
        assertThat(grant.json().get("owner").asString()).isEqualTo(address);
        assertThat(grant.json().get("scopes").toString()).isEqualTo("[\"outbox:read\",\"send\"]");
        assertThat(grant.json().get("mailboxes").toString()).isEqualTo("[" + box + "]");

        JsonNode all = newKey(me, "all", "webhooks");
        assertThat(use(all.get("key").asString()).json().get("mailboxes").asString()).isEqualTo("all");

        JsonNode listed = http().get("/api/v1/api-keys", "Authorization", me).json();
        assertThat(listed).hasSize(2);
        JsonNode first = listed.get(1);
        assertThat(first.get("name").asString()).isEqualTo("deploy");
        assertThat(first.get("lastUsedAt").isNull()).isFalse();
        assertThat(first.get("lastUsedFrom").asString()).isEqualTo("127.0.0.1");
        assertThat(first.get("mailboxes").toString()).isEqualTo("[" + box + "]");
        assertThat(first.get("revoked").asBoolean()).isFalse();
        assertThat(first.has("key")).isFalse();
    }

    @Test
    void aRevokedKeyIsRefusedAndTheRefusalIsAuditedOncePerMinute() {
        String address = newUser("pw");
        String me = session(address, "pw");
        JsonNode created = newKey(me, "ci", "send");
        String key = created.get("key").asString();
        assertThat(use(key).status()).isEqualTo(200);

        assertThat(http().send("DELETE", "/api/v1/api-keys/" + created.get("id").asLong(), null, "Authorization", me).status()).isEqualTo(204);
        assertThat(use(key).status()).isEqualTo(401);
        assertThat(use(key).status()).isEqualTo(401);
        assertThat(use(key).status()).isEqualTo(401);

        String target = "apikey:" + created.get("id").asLong();
        Await.until("audit entries", Duration.ofSeconds(10), () -> audited("gateway.apikey.refused", target) == 1
                && audited("gateway.apikey.revoked", target) == 1 && audited("gateway.apikey.created", target) == 1);
        String details = jdbc.sql("SELECT details FROM audit_entry WHERE action = 'gateway.apikey.refused' AND target = ?")
                .param(target).query(String.class).single();
        assertThat(details).contains("revoked").contains(created.get("prefix").asString()).doesNotContain(key);
        assertThat(audited("gateway.apikey.refused", target)).isEqualTo(1);
        assertThat(http().get("/api/v1/api-keys", "Authorization", me).json().get(0).get("revoked").asBoolean()).isTrue();
    }

    @Test
    void anExpiredKeyIsRefused() {
        String me = session(newUser("pw"), "pw");
        Reply created = create(me, json("name", "short", "scopes", List.of("send"), "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(use(key).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(use(key).status()).isEqualTo(401);
        String target = "apikey:" + created.json().get("id").asLong();
        Await.until("refusal audited", Duration.ofSeconds(10), () -> audited("gateway.apikey.refused", target) == 1);
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'gateway.apikey.refused' AND target = ?")
                .param(target).query(String.class).single()).contains("expired");
    }

    @Test
    void aKeyOfAUserWhoseApiAccessIsDisabledIsRefused() {
        String address = newUser("pw");
        String key = newKey(session(address, "pw"), "k", "send").get("key").asString();
        assertThat(use(key).status()).isEqualTo(200);
        jdbc.sql("INSERT INTO gateway_user_access (user_id, disabled_at, disabled_by) VALUES (?, CURRENT_TIMESTAMP, 'op')")
                .param(userId(jdbc, address)).update();
        assertThat(use(key).status()).isEqualTo(401);
    }

    @Test
    void aKeyOnTheWebmailApiIsForbiddenAndCannotManageKeys() {
        String me = session(newUser("pw"), "pw");
        String key = newKey(me, "k", "send", "webhooks").get("key").asString();
        Reply folders = http().get("/api/v1/folders", "Authorization", "Bearer " + key);
        assertThat(folders.status()).isEqualTo(403);
        assertThat(folders.body()).contains("only on the outbox API").doesNotContain(key);
        assertThat(create("Bearer " + key, json("name", "x", "scopes", List.of("send"))).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/api-keys", "Authorization", "Bearer " + key).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/webhooks", "Authorization", "Bearer " + key).status()).isNotIn(401, 403);
    }

    @Test
    void malformedOrUnknownKeysAreUnauthenticated() {
        String key = ApiKeyFormat.generate().reveal();
        assertThat(use(key).status()).isEqualTo(401);
        assertThat(use(key.substring(0, 30)).status()).isEqualTo(401);
    }

    @Test
    void moreRequestsThanTheLimitInAMinuteGet429WithRetryAfter() {
        String key = newKey(session(newUser("pw"), "pw"), "busy", "send").get("key").asString();
        for (int i = 0; i < PER_MINUTE; i++) assertThat(use(key).status()).isEqualTo(200);
        Reply limited = use(key);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.body()).doesNotContain(key);
        // another key has its own budget
        assertThat(use(newKey(session(newUser("pw"), "pw"), "calm", "send").get("key").asString()).status()).isEqualTo(200);
    }

    @Test
    void anotherUsersKeyCannotBeRevoked() {
        String alice = session(newUser("pw"), "pw");
        String bob = session(newUser("pw"), "pw");
        JsonNode key = newKey(alice, "a", "send");
        assertThat(http().send("DELETE", "/api/v1/api-keys/" + key.get("id").asLong(), null, "Authorization", bob).status()).isEqualTo(404);
        assertThat(use(key.get("key").asString()).status()).isEqualTo(200);
    }

    @Test
    void invalidRequestsAreRefusedWithAProblem() {
        String address = newUser("pw");
        String me = session(address, "pw");
        long othersBox = connectedMailbox(jdbc, userId(jdbc, session2(newUser("pw"))), "shared@example.test");
        assertProblem(create(me, json("name", "", "scopes", List.of("send"))), 400, "name");
        assertProblem(create(me, json("name", "x".repeat(101), "scopes", List.of("send"))), 400, "name");
        assertProblem(create(me, json("name", "n", "scopes", List.of("admin"))), 400, "Unknown scope");
        assertProblem(create(me, json("name", "n", "scopes", List.of())), 400, "scope");
        assertProblem(create(me, json("name", "n", "scopes", List.of("send"), "mailboxes", List.of(othersBox))), 400, "your connected mailboxes");
        assertProblem(create(me, json("name", "n", "scopes", List.of("send"), "expiresAt", clock.instant().minusSeconds(1).toString())), 400, "future");
        assertProblem(create(me, json("name", "n", "scopes", List.of("send"), "expiresAt",
                clock.instant().plus(Duration.ofDays(366)).toString())), 400, "at most 365 days");
        assertThat(http().get("/api/v1/api-keys", "Authorization", me).json()).isEmpty();
    }

    @Test
    void aRefusalIsInTheLanguageTheClientAsksFor() {
        String me = session(newUser("pw"), "pw");
        String tooLate = json("name", "n", "scopes", List.of("send"), "expiresAt", clock.instant().plus(Duration.ofDays(366)).toString());
        Reply german = http().send("POST", "/api/v1/api-keys", tooLate, "Authorization", me, "Accept-Language", "de");
        assertThat(german.status()).isEqualTo(400);
        assertThat(german.json().get("title").asString()).isEqualTo("Ungültige API-Schlüssel-Anfrage");
        assertThat(german.json().get("detail").asString())
                .isEqualTo("Das Ablaufdatum darf höchstens 365 Tage in der Zukunft liegen (die Grenze des Betreibers).");
        Reply english = create(me, tooLate);
        assertThat(english.json().get("title").asString()).isEqualTo("Invalid API key request");
        assertThat(english.json().get("detail").asString()).isEqualTo("The expiry may be at most 365 days from now (the operator's limit).");
    }

    @Test
    void creatingNeedsASecondFactorWhenThePolicySaysSo() {
        policies.requireSecondFactor(true);
        String me = session(newUser("pw"), "pw");
        Reply refused = create(me, json("name", "n", "scopes", List.of("send")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo(ApiKeyRefused.SECOND_FACTOR_TYPE);
        assertThat(refused.json().get("detail").asString()).contains("/settings/security");

        String address = newUser("pw2");
        Enrolled enrolled = Enrolled.throughThePage(http(), clock, address, "pw2");
        clock.advance(Duration.ofSeconds(30)); // a new TOTP step: the enrolment's code is spent
        Reply signedIn = http().send("POST", "/api/v1/sessions", json("address", address, "password", "pw2", "otp", enrolled.code(clock)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        assertThat(create(bearer(signedIn.json().get("accessToken").asString()), json("name", "n", "scopes", List.of("send"))).status())
                .isEqualTo(201);

        policies.requireSecondFactor(false);
        assertThat(create(me, json("name", "n", "scopes", List.of("send"))).status()).isEqualTo(201);
    }

    @Test
    void aPasskeyCountsAsTheSecondFactorTheKeyPolicyAsksFor() {
        policies.requireSecondFactor(true);
        String address = newUser("pw3");
        String me = session(address, "pw3");
        assertThat(create(me, json("name", "n", "scopes", List.of("send"))).status()).isEqualTo(403);

        // a passkey registered meanwhile (rows as Spring Security's WebAuthn repositories keep them; no browser here)
        String entity = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(address.getBytes());
        jdbc.sql("INSERT INTO user_entities (id, name, display_name) VALUES (?, ?, ?)").params(entity, address, address).update();
        jdbc.sql("""
                INSERT INTO user_credentials (credential_id, user_entity_user_id, public_key, signature_count, uv_initialized,
                    backup_eligible, authenticator_transports, public_key_credential_type, backup_state, created, last_used, label)
                VALUES ('Y3JlZGVudGlhbA', ?, ?, 0, TRUE, FALSE, 'internal', 'public-key', FALSE, CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP, 'laptop')""").params(entity, new byte[] {1, 2, 3}).update();

        assertThat(create(me, json("name", "n", "scopes", List.of("send"))).status())
                .as("a passkey-only user may create a key (the 403 for a passkey-only API sign-in points here)").isEqualTo(201);
        policies.requireSecondFactor(false);
    }

    @Test
    void creatingNeedsAFreshSignInOrReauthentication() {
        String address = newUser("pw");
        String me = session(address, "pw");
        ageSession(jdbc, userId(jdbc, address), Duration.ofMinutes(6));
        Reply refused = create(me, json("name", "n", "scopes", List.of("send")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo(RecentAuthenticationException.REQUIRED_TYPE);

        Reply proved = http().send("POST", "/api/v1/sessions/current/reauthenticate", json("password", "pw"), "Authorization", me);
        assertThat(proved.status()).as(proved.body()).isEqualTo(200);
        assertThat(create(me, json("name", "n", "scopes", List.of("send"))).status()).isEqualTo(201);

        ageSession(jdbc, userId(jdbc, address), Duration.ofMinutes(4));
        assertThat(create(me, json("name", "n2", "scopes", List.of("send"))).status()).isEqualTo(201);
    }

    @Test
    void theKeyAppearsOnlyInTheCreationAnswer(CapturedOutput output) {
        String me = session(newUser("pw"), "pw");
        JsonNode created = newKey(me, "canary", "send");
        String key = created.get("key").asString();
        String secretPart = key.substring(10); // everything past the displayable prefix
        use(key);
        http().send("DELETE", "/api/v1/api-keys/" + created.get("id").asLong(), null, "Authorization", me);
        use(key); // refused, audited
        String target = "apikey:" + created.get("id").asLong();
        Await.until("audit entries", Duration.ofSeconds(10), () -> audited("gateway.apikey.refused", target) == 1);

        assertThat(DatabaseDump.of(dataSource)).doesNotContain(secretPart);
        assertThat(output.getAll()).doesNotContain(secretPart);
        assertThat(http().get("/api/v1/api-keys", "Authorization", me).body()).doesNotContain(secretPart);
        assertThat(String.join("\n", jdbc.sql("SELECT details FROM audit_entry WHERE target = ?").param(target).query(String.class).list()))
                .contains(created.get("prefix").asString()).doesNotContain(secretPart);
        long answersWithIt = http().seen().stream().filter(r -> r.body().contains(secretPart) || r.headers().toString().contains(secretPart)).count();
        assertThat(answersWithIt).isEqualTo(1);
    }

    @Test
    void lastUseIsRecordedAtMostOncePerThirtySecondsPerKey() {
        String me = session(newUser("pw"), "pw");
        String key = newKey(me, "chatty", "send").get("key").asString();
        use(key);
        String first = http().get("/api/v1/api-keys", "Authorization", me).json().get(0).get("lastUsedAt").asString();
        clock.advance(Duration.ofSeconds(10));
        use(key);
        assertThat(http().get("/api/v1/api-keys", "Authorization", me).json().get(0).get("lastUsedAt").asString()).isEqualTo(first);
    }

    @Test
    void aRefusedPageFormKeepsWhatWasTyped() {
        String address = newUser("pw");
        org.vaultmail.auth.FormClient browser = new org.vaultmail.auth.FormClient(http());
        assertThat(browser.signIn(address, "pw").status()).isEqualTo(302);
        Reply refused = browser.submit("/settings/api/keys", "/settings/api/keys", java.util.Map.of("name", "keep-me-typed",
                "scopes", "outbox:read", "expiresOn", clock.instant().atOffset(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1).toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("The expiry must be in the future.").contains("value=\"keep-me-typed\"")
                .containsPattern("value=\"outbox:read\"\\s+checked");
        assertThat(refused.body()).doesNotContain("id=\"new-key\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE user_id = ?").param(userId(jdbc, address)).query(Long.class).single()).isZero();
    }

    private String session2(String address) {
        session(address, "pw");
        return address;
    }

    private long audited(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target = ?").params(action, target).query(Long.class).single();
    }

    private static void assertProblem(Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains(detail);
    }

}

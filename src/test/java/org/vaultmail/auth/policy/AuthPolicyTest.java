package org.vaultmail.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.FormClient;
import org.vaultmail.auth.session.SessionAdministration;
import org.vaultmail.auth.users.UserAdministration;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * A policy saved at run time changes what the running application does, with no restart: lower failure
 * threshold, required second factor (switched on and off again), shorter idle timeout for a live session.
 * H2 in its own directory (the policy is global to the database), GreenMail, a settable clock.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class AuthPolicyTest extends AuthAppTestSupport {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-policy-test-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        registry.add("vaultmail.auth.throttle.account-failures", () -> "5");
        registry.add("vaultmail.auth.throttle.min-failure-duration", () -> "0ms");
        registry.add("vaultmail.auth.throttle.failure-jitter", () -> "0ms");
    }

    @Autowired
    AuthPolicies policies;

    @Autowired
    UserAdministration userAdministration;

    @Autowired
    SessionAdministration sessionAdministration;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    void set(PolicyField field, String value) {
        AuthPolicies.Result result = policies.save(policies.view().version(), Map.of(field, value), "policy-test", null, null);
        assertThat(result.outcome()).as(field + "=" + value + " " + result.errors()).isIn(AuthPolicies.Outcome.SAVED,
                AuthPolicies.Outcome.UNCHANGED);
    }

    @AfterEach
    void backToDefaults() {
        Map<PolicyField, String> blank = new EnumMap<>(PolicyField.class);
        for (PolicyField f : PolicyField.values()) blank.put(f, "");
        policies.save(policies.view().version(), blank, "policy-test", null, null);
    }

    @Test
    void loweringAccountFailuresToTwoLocksAnAccountOutAfterTwoFailuresAndResettingLiftsIt() {
        String before = newUser("right-pw");
        for (int i = 0; i < 2; i++) assertThat(signIn(before, "wrong-" + i).status()).isEqualTo(401);
        assertThat(signIn(before, "right-pw").status()).as("configured: 5 failures").isEqualTo(201);

        set(PolicyField.ACCOUNT_FAILURES, "2");
        String address = newUser("right-pw");
        for (int i = 0; i < 2; i++) assertThat(signIn(address, "wrong-" + i).status()).isEqualTo(401);
        assertThat(signIn(address, "right-pw").status()).as("policy: 2 failures, then a wait").isEqualTo(401);
        assertThat(policies.current().accountFailures()).isEqualTo(2);

        set(PolicyField.ACCOUNT_FAILURES, "");
        assertThat(signIn(address, "right-pw").status()).as("back to the configured 5").isEqualTo(201);
    }

    @Test
    void requiringMfaRefusesUnenrolledApiSignInAndLeadsALiveBrowserSessionToEnrolmentUntilUnset() {
        String address = newUser("pw");
        FormClient browser = new FormClient(http());
        assertThat(browser.signIn(address, "pw").status()).isEqualTo(302);
        assertThat(browser.get("/settings/sessions").status()).isEqualTo(200);
        assertThat(signIn(address, "pw").status()).isEqualTo(201);

        set(PolicyField.REQUIRE_MFA, "on");
        Reply api = signIn(address, "pw");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("mfaEnrolmentRequired").asBoolean()).isTrue();
        Reply page = browser.get("/settings/sessions");
        assertThat(page.status()).as("the session that existed before").isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/settings/security");

        set(PolicyField.REQUIRE_MFA, "");
        assertThat(browser.get("/settings/sessions").status()).isEqualTo(200);
        assertThat(signIn(address, "pw").status()).isEqualTo(201);
    }

    @Test
    void shorteningTheIdleTimeoutEndsALiveSessionUnusedForLonger() {
        String address = newUser("pw");
        String token = bearer(signIn(address, "pw").json().get("accessToken").asString());
        clock.advance(Duration.ofMinutes(6));
        assertThat(http().get("/api/v1/sessions", "Authorization", token).status()).as("configured idle: 30 days").isEqualTo(200);

        String other = bearer(signIn(address, "pw").json().get("accessToken").asString());

        // the stored expiry of both sessions is still 30 days out: only the current policy can end them
        set(PolicyField.IDLE_TIMEOUT, "5m");
        set(PolicyField.REMEMBER_IDLE_TIMEOUT, "5m");
        clock.advance(Duration.ofMinutes(4));
        assertThat(http().get("/api/v1/sessions", "Authorization", other).status()).as("unused for 4 min").isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(http().get("/api/v1/sessions", "Authorization", token).status()).as("unused for 6 min").isEqualTo(401);
    }

    @Test
    void aSessionEndedByAShorterLimitStaysEndedWhenTheLimitIsLengthenedAgain() {
        String address = newUser("pw");
        String idle = bearer(signIn(address, "pw").json().get("accessToken").asString());
        clock.advance(Duration.ofMinutes(6));
        String active = bearer(signIn(address, "pw").json().get("accessToken").asString());

        set(PolicyField.IDLE_TIMEOUT, "5m");
        set(PolicyField.REMEMBER_IDLE_TIMEOUT, "5m");
        assertThat(http().get("/api/v1/sessions", "Authorization", idle).status()).as("unused for 6 min").isEqualTo(401);

        set(PolicyField.IDLE_TIMEOUT, "");
        set(PolicyField.REMEMBER_IDLE_TIMEOUT, "");
        assertThat(http().get("/api/v1/sessions", "Authorization", idle).status()).as("back to 30 days: still ended").isEqualTo(401);
        assertThat(http().get("/api/v1/sessions", "Authorization", active).status()).as("used within the short limit").isEqualTo(200);
    }

    @Test
    void shorteningTheIdleTimeoutDropsTheConsoleCountsAndListsOfActiveSessionsBeforeAnyPurge() {
        String address = newUser("pw");
        String idle = signIn(address, "pw").json().get("sessionId").asString();
        clock.advance(Duration.ofMinutes(6));
        String fresh = signIn(address, "pw").json().get("sessionId").asString();
        long userId = userAdministration.search(address, 5).getFirst().id();
        assertThat(userAdministration.search(address, 5).getFirst().activeSessions()).as("configured idle: 30 days").isEqualTo(2);
        assertThat(sessionAdministration.active(1000)).extracting(SessionAdministration.ActiveSession::id).contains(idle, fresh);

        set(PolicyField.IDLE_TIMEOUT, "5m");
        set(PolicyField.REMEMBER_IDLE_TIMEOUT, "5m");

        assertThat(userAdministration.search(address, 5).getFirst().activeSessions()).as("unused for 6 min > 5 min").isEqualTo(1);
        assertThat(userAdministration.find(userId).orElseThrow().activeSessions()).isEqualTo(1);
        assertThat(sessionAdministration.active(1000)).extracting(SessionAdministration.ActiveSession::id)
                .contains(fresh).doesNotContain(idle);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL").param(userId)
                .query(Long.class).single()).as("both rows still stored: the count comes from the policy, not a purge").isEqualTo(2);
        assertThat(userAdministration.revokeAll(userId)).as("ends both, reports the one the page showed").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?")
                .params(userId, clock.instant().atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single())
                .as("the live one revoked; the policy-ended one past its (clamped) stored expiry: nothing can revive either").isZero();
    }

    @Test
    void theConsoleSessionListLimitCountsOnlySessionsThePolicyStillAllows() {
        String address = newUser("pw");
        var old = signIn(address, "pw").json();
        clock.advance(Duration.ofMinutes(90));
        String younger = signIn(address, "pw").json().get("sessionId").asString();
        clock.advance(Duration.ofMinutes(30));
        assertThat(refresh(old.get("refreshToken").asString()).status()).as("used last: ahead of the younger one").isEqualTo(200);
        // the database may hold other tests' sessions: take the limit that just reaches the old session
        List<String> before = sessionAdministration.active(10_000).stream().map(SessionAdministration.ActiveSession::id).toList();
        int limit = before.indexOf(old.get("sessionId").asString()) + 1;
        assertThat(limit).isPositive().isLessThan(before.indexOf(younger) + 1);

        AuthPolicies.Result saved = policies.save(policies.view().version(), Map.of(PolicyField.IDLE_TIMEOUT, "1h",
                PolicyField.REMEMBER_IDLE_TIMEOUT, "1h", PolicyField.ABSOLUTE_TIMEOUT, "1h"), "policy-test", null, null);
        assertThat(saved.outcome()).isEqualTo(AuthPolicies.Outcome.SAVED);

        assertThat(sessionAdministration.active(limit)).extracting(SessionAdministration.ActiveSession::id)
                .as("the 2 h old session no longer takes a place: the younger one moves up")
                .doesNotContain(old.get("sessionId").asString()).contains(younger);
    }

    @Test
    void shorteningTheAbsoluteTimeoutEndsSessionsOlderThanThatAtTheirNextRefresh() {
        String address = newUser("pw");
        var first = signIn(address, "pw").json();
        clock.advance(Duration.ofHours(2));
        Reply refreshed = refresh(first.get("refreshToken").asString());
        assertThat(refreshed.status()).as("configured absolute: 90 days").isEqualTo(200);
        String young = signIn(address, "pw").json().get("refreshToken").asString();

        AuthPolicies.Result saved = policies.save(policies.view().version(), Map.of(PolicyField.IDLE_TIMEOUT, "1h",
                PolicyField.REMEMBER_IDLE_TIMEOUT, "1h", PolicyField.ABSOLUTE_TIMEOUT, "1h"), "policy-test", null, null);
        assertThat(saved.outcome()).isEqualTo(AuthPolicies.Outcome.SAVED);

        assertThat(refresh(refreshed.json().get("refreshToken").asString()).status()).as("2 h old").isEqualTo(401);
        assertThat(refresh(young).status()).as("just created").isEqualTo(200);
    }

    @Test
    void invalidValuesAreRefusedPerFieldAndNothingIsSaved() {
        long version = policies.view().version();
        AuthPolicies.Result result = policies.save(version, Map.of(PolicyField.ACCESS_TOKEN_TTL, "2h",
                PolicyField.ACCOUNT_FAILURES, "0", PolicyField.BASE_WAIT, "soon", PolicyField.IDLE_TIMEOUT, "1h"),
                "policy-test", null, null);

        assertThat(result.outcome()).isEqualTo(AuthPolicies.Outcome.INVALID);
        assertThat(result.errors().keySet()).containsExactlyInAnyOrder(PolicyField.ACCESS_TOKEN_TTL, PolicyField.ACCOUNT_FAILURES,
                PolicyField.BASE_WAIT);
        assertThat(result.errors().get(PolicyField.ACCESS_TOKEN_TTL).code()).isEqualTo("policy.error.durationRange");
        assertThat(result.errors().get(PolicyField.ACCESS_TOKEN_TTL).args()).containsExactly("1m", "1h");
        assertThat(policies.view().version()).isEqualTo(version);
        assertThat(policies.current().idleTimeout()).as("a valid field of an invalid save is not saved either")
                .isEqualTo(Duration.ofHours(12));

        AuthPolicies.Result cross = policies.save(version, Map.of(PolicyField.ABSOLUTE_TIMEOUT, "1d"), "policy-test", null, null);
        assertThat(cross.errors().get(PolicyField.ABSOLUTE_TIMEOUT).code()).as("below the 30-day remember idle timeout")
                .isEqualTo("policy.error.absoluteBelowIdle");
    }

    @Test
    void aSaveBasedOnAnOlderVersionIsRefusedAsAConflict() {
        long version = policies.view().version();
        assertThat(policies.save(version, Map.of(PolicyField.CLIENT_FAILURES, "50"), "first-op", null, null).outcome())
                .isEqualTo(AuthPolicies.Outcome.SAVED);

        AuthPolicies.Result second = policies.save(version, Map.of(PolicyField.CLIENT_FAILURES, "60"), "second-op", null, null);

        assertThat(second.outcome()).isEqualTo(AuthPolicies.Outcome.CONFLICT);
        assertThat(second.version()).isEqualTo(version + 1);
        assertThat(policies.current().clientFailures()).isEqualTo(50);
        AuthPolicies.Entry entry = policies.view().entries().stream().filter(e -> e.field() == PolicyField.CLIENT_FAILURES)
                .findFirst().orElseThrow();
        assertThat(entry.stored()).isEqualTo("50");
        assertThat(entry.storedBy()).isEqualTo("first-op");
    }

    private Reply refresh(String refreshToken) {
        return http().send("POST", "/api/v1/sessions/refresh", org.vaultmail.testing.HttpCalls.json("refreshToken", refreshToken));
    }
}

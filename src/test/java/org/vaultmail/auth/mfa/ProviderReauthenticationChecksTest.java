package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.vaultmail.auth.session.OAuthSubject;

/**
 * The checks of a proof made at the OAuth provider (ADR 0047) that need no server: {@code auth_time} must show a new
 * sign-in — present, after the session's own sign-in, not before the request, at most a few minutes old, not in the
 * future — and the page to come back to is a settings page of this origin, never another host.
 */
class ProviderReauthenticationChecksTest {

    private static final Instant NOW = Instant.parse("2026-12-06T11:00:00Z");
    private static final Instant SIGNED_IN = NOW.minus(Duration.ofHours(2));
    private static final Instant REQUESTED = NOW.minusSeconds(40);
    private static final OAuthSubject ACCOUNT = new OAuthSubject("https://accounts.example.test", "sub-a");

    @SuppressWarnings("DataFlowIssue") // only the clock is used by the freshness check
    private final RecentAuthentication recent = new RecentAuthentication(null, null, null, null, null, Duration.ofMinutes(5),
            event -> { }, Clock.fixed(NOW, ZoneOffset.UTC));

    private boolean fresh(Instant authTime) {
        return recent.freshAtProvider(new RecentAuthentication.ProviderProof("google", "a@example.test", authTime, REQUESTED, ACCOUNT),
                SIGNED_IN);
    }

    @Test
    void aSignInAtTheProviderAfterTheRequestCounts() {
        assertThat(fresh(NOW.minusSeconds(10))).isTrue();
        assertThat(fresh(REQUESTED.minusSeconds(30))).as("within the clock skew").isTrue();
    }

    @Test
    void aMissingAuthTimeDoesNotCount() {
        assertThat(recent.freshAtProvider(new RecentAuthentication.ProviderProof("google", "a@example.test", null, REQUESTED, ACCOUNT),
                SIGNED_IN)).isFalse();
    }

    @Test
    void theSessionsOwnSignInDoesNotCountEvenIfRecent() {
        Instant justSignedIn = NOW.minusSeconds(50);
        assertThat(recent.freshAtProvider(new RecentAuthentication.ProviderProof("google", "a@example.test",
                justSignedIn.minusSeconds(1), REQUESTED, ACCOUNT), justSignedIn)).isFalse();
    }

    @Test
    void anOldSignInDoesNotCount() {
        assertThat(fresh(NOW.minus(Duration.ofHours(1)))).isFalse();
        assertThat(fresh(REQUESTED.minus(Duration.ofMinutes(2)))).as("before the request").isFalse();
        assertThat(fresh(NOW.minus(RecentAuthentication.MAX_PROVIDER_AUTH_AGE).minusSeconds(1))).isFalse();
    }

    @Test
    void aSignInInTheFutureDoesNotCount() {
        assertThat(fresh(NOW.plus(Duration.ofMinutes(5)))).isFalse();
    }

    @Test
    void thePageToComeBackToIsALocalSettingsPage() {
        assertThat(ProviderReauthenticationCallback.then("/settings/api/keys")).isEqualTo("/settings/api/keys");
        for (String hostile : new String[] {"https://evil.test/settings/", "//evil.test/settings/", "/settings//evil.test",
                "/settings/../admin", "/\\evil.test", "/settings/x?next=//evil", "/mail", "", "/settings/\u00e9"}) {
            assertThat(ProviderReauthenticationCallback.then(hostile)).as(hostile).isEqualTo("/settings/security");
        }
        assertThat(ProviderReauthenticationCallback.then(null)).isEqualTo("/settings/security");
    }

    @Test
    void anUnknownOutcomeCodeIsNeverEchoed() {
        assertThat(ProviderReauthenticationCallback.message("<script>")).isNull();
        assertThat(ProviderReauthenticationCallback.problem("<script>")).isEqualTo("/settings/security?reauth=failed");
    }
}

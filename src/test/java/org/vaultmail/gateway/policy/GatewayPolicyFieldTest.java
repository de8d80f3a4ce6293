package org.vaultmail.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaultmail.gateway.GatewayProperties.SendLimits;

/** How the gateway policy's values are typed, bounded, shown and stored (ADR 0040). */
class GatewayPolicyFieldTest {

    @Test
    void valuesParseWithinTheirBoundsAndRoundTripThroughTheirStoredForm() throws Exception {
        assertThat(GatewayPolicyField.MAX_MAILBOXES_PER_USER.parse(" 0 ")).isEqualTo(0);
        assertThat(GatewayPolicyField.API_KEY_MAX_LIFETIME.parse("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(GatewayPolicyField.API_KEY_MAX_LIFETIME.parse("P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(GatewayPolicyField.API_KEYS_REQUIRE_SECOND_FACTOR.parse("off")).isEqualTo(false);
        assertThat(GatewayPolicyField.DISABLED_DOMAINS.parse("B.test,  a.test;c.test")).isEqualTo(Set.of("a.test", "b.test", "c.test"));
        assertThat(GatewayPolicyField.DISABLED_DOMAINS.parse("none")).isEqualTo(Set.of());
        Object limits = GatewayPolicyField.DOMAIN_SEND_LIMITS.parse("Example.test = 5 / 100, other.test=/50\nthird.test=3/");
        assertThat(limits).isEqualTo(Map.of("example.test", new SendLimits(5, 100), "other.test", new SendLimits(null, 50),
                "third.test", new SendLimits(3, null)));
        String stored = GatewayPolicyField.DOMAIN_SEND_LIMITS.store(limits);
        assertThat(stored).isEqualTo("example.test=5/100, other.test=/50, third.test=3/");
        assertThat(GatewayPolicyField.DOMAIN_SEND_LIMITS.load(stored)).isEqualTo(limits);
        assertThat(GatewayPolicyField.API_KEY_MAX_LIFETIME.load(GatewayPolicyField.API_KEY_MAX_LIFETIME.store(Duration.ofDays(7))))
                .isEqualTo(Duration.ofDays(7));
        assertThat(GatewayPolicyField.MAX_MAILBOXES_PER_USER.snakeCase()).isEqualTo("max_mailboxes_per_user");
    }

    @Test
    void refusedValuesNameTheirReason() {
        assertProblem(GatewayPolicyField.MAX_MAILBOXES_PER_USER, "1001", "gatewayPolicy.error.countRange");
        assertProblem(GatewayPolicyField.MAX_MAILBOXES_PER_USER, "five", "gatewayPolicy.error.count");
        assertProblem(GatewayPolicyField.API_KEY_MAX_LIFETIME, "1h", "gatewayPolicy.error.durationRange");
        assertProblem(GatewayPolicyField.API_KEY_MAX_LIFETIME, "forever", "gatewayPolicy.error.duration");
        assertProblem(GatewayPolicyField.API_KEYS_REQUIRE_SECOND_FACTOR, "maybe", "gatewayPolicy.error.flag");
        assertProblem(GatewayPolicyField.DISABLED_DOMAINS, "example.test, -bad-.test", "gatewayPolicy.error.domain");
        assertProblem(GatewayPolicyField.DISABLED_DOMAINS, "localhost", "gatewayPolicy.error.domain");
        assertProblem(GatewayPolicyField.DOMAIN_SEND_LIMITS, "example.test=5", "gatewayPolicy.error.limits");
        assertProblem(GatewayPolicyField.DOMAIN_SEND_LIMITS, "example.test=/", "gatewayPolicy.error.limits");
        assertProblem(GatewayPolicyField.DOMAIN_SEND_LIMITS, "example.test=0/10", "gatewayPolicy.error.limitRange");
        assertProblem(GatewayPolicyField.DOMAIN_SEND_LIMITS, "a.test=1/2, a.test=3/4", "gatewayPolicy.error.duplicate");
        assertProblem(GatewayPolicyField.DISABLED_DOMAINS, "a.test,".repeat(700), "gatewayPolicy.error.tooLong");
    }

    private static void assertProblem(GatewayPolicyField field, String text, String code) {
        assertThatThrownBy(() -> field.parse(text)).isInstanceOfSatisfying(GatewayPolicyField.InvalidValue.class,
                e -> assertThat(e.error().code()).isEqualTo(code));
    }
}

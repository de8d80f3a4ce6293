package org.vaultmail.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How operators type policy values, and how they are shown and stored. */
class PolicyFieldTest {

    @Test
    void durationsAreTypedWithUnitsOrAsIso8601() throws Exception {
        assertThat(PolicyField.IDLE_TIMEOUT.parse("1h 30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PolicyField.IDLE_TIMEOUT.parse(" 90S ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PolicyField.IDLE_TIMEOUT.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(PolicyField.IDLE_TIMEOUT.parse("pt15m")).isEqualTo(Duration.ofMinutes(15));
        for (String bad : new String[] {"15", "15 minutes", "m", "-5m", "PT-5M", "1h30", "1w"}) {
            assertThatThrownBy(() -> PolicyField.IDLE_TIMEOUT.parse(bad)).as(bad).isInstanceOf(PolicyField.InvalidValue.class);
        }
    }

    @Test
    void valuesOutsideTheBoundsAreRefusedWithTheBoundsInTheMessage() throws Exception {
        assertThat(PolicyField.ACCESS_TOKEN_TTL.validate(Duration.ofMinutes(1))).isNull();
        assertThat(PolicyField.ACCESS_TOKEN_TTL.validate(Duration.ofHours(1))).isNull();
        PolicyField.Problem tooLong = PolicyField.ACCESS_TOKEN_TTL.validate(Duration.ofSeconds(3601));
        assertThat(tooLong).isNotNull();
        assertThat(tooLong.args()).containsExactly("1m", "1h");
        assertThat(PolicyField.ACCOUNT_FAILURES.validate(PolicyField.ACCOUNT_FAILURES.parse("0"))).isNotNull();
        assertThat(PolicyField.ACCOUNT_FAILURES.validate(1)).isNull();
        assertThatThrownBy(() -> PolicyField.ACCOUNT_FAILURES.parse("2.5")).isInstanceOf(PolicyField.InvalidValue.class);
    }

    @Test
    void durationsAreShownInTheLargestUnitsAndStoredAsIso8601() {
        assertThat(PolicyField.formatDuration(Duration.ofMinutes(90))).isEqualTo("1h 30m");
        assertThat(PolicyField.formatDuration(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(PolicyField.IDLE_TIMEOUT.store(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
        assertThat(PolicyField.IDLE_TIMEOUT.load("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PolicyField.REQUIRE_MFA.format(PolicyField.REQUIRE_MFA.load("true"))).isEqualTo("on");
    }
}

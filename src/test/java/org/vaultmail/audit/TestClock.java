package org.vaultmail.audit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.vaultmail.testing.MutableClock;

/** A settable clock for retention tests. */
@TestConfiguration(proxyBeanMethods = false)
class TestClock {

    @Bean
    @Primary
    MutableClock auditTestClock() {
        return new MutableClock();
    }
}

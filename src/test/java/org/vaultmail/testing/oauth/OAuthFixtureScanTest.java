package org.vaultmail.testing.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/** Vaultmail test nodes component-scan test classes: nothing of the authorization server may be a candidate. */
class OAuthFixtureScanTest {

    @Test
    void noClassOfTheFixtureIsAComponentScanCandidate() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);

        assertThat(scan.findCandidateComponents(OAuthFixtureScanTest.class.getPackageName())).isEmpty();
    }
}

package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    @Test
    void availableDependencyLetsTheTestRun() {
        assertThatCode(() -> Requirements.require(true, "Chromium", true)).doesNotThrowAnyException();
    }

    @Test
    void missingDependencySkipsTheTestLocally() {
        assertThatThrownBy(() -> Requirements.require(false, "Chromium", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("requires Chromium");
    }

    @Test
    void missingDependencyFailsTheTestWhenAllAreRequired() {
        assertThatThrownBy(() -> Requirements.require(false, "Dovecot", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("requires Dovecot")
                .hasMessageContaining(Requirements.REQUIRE_ALL);
    }
}

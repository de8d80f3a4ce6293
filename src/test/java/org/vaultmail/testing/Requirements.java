package org.vaultmail.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real dependency (Chromium, Dovecot, PostgreSQL…) call {@link #require}: without
 * it they are skipped locally, but fail when {@code VAULTMAIL_REQUIRE_ALL=1} (as CI sets), so a
 * missing install can never turn CI green.
 */
public final class Requirements {

    public static final String REQUIRE_ALL = "VAULTMAIL_REQUIRE_ALL";

    private Requirements() {
    }

    /** Skips (or, under {@value #REQUIRE_ALL}=1, fails) the current test unless {@code available}. */
    public static void require(boolean available, String what) {
        require(available, what, "1".equals(System.getenv(REQUIRE_ALL)));
    }

    static void require(boolean available, String what, boolean requireAll) {
        if (available) return;
        String reason = "requires " + what;
        if (requireAll) {
            Assertions.fail(reason + " (" + REQUIRE_ALL + "=1: missing dependencies fail instead of skipping)");
        }
        Assumptions.abort(reason + " (skipped; set " + REQUIRE_ALL + "=1 to make this a failure)");
    }
}

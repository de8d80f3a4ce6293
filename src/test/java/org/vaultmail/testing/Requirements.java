package org.vaultmail.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Skip-or-fail for tests that need an outside service (PostgreSQL, Dovecot, Chromium…): skipped
 * with a reason on a developer machine without it, but failed when {@code VAULTMAIL_REQUIRE_ALL=1}
 * (CI), so a missing service can never turn a red build green.
 */
public final class Requirements {

    private Requirements() {
    }

    public static boolean allRequired() {
        return "1".equals(System.getenv("VAULTMAIL_REQUIRE_ALL"));
    }

    /** Skips (or, under VAULTMAIL_REQUIRE_ALL=1, fails) the test unless {@code available}. */
    public static void require(boolean available, String what) {
        if (available) return;
        String reason = what + " is not available";
        if (allRequired()) {
            throw new AssertionError(reason + " and VAULTMAIL_REQUIRE_ALL=1 demands every test runs");
        }
        Assumptions.abort(reason + "; skipped (set VAULTMAIL_REQUIRE_ALL=1 to fail instead)");
    }
}

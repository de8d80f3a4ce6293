package org.vaultmail.auth.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.vaultmail.auth.policy.SessionLimitsShortened;

/**
 * Clamps the stored expiries of live sessions when the policy shortens a lifetime. A plain (synchronous)
 * listener, so it runs inside the policy save's transaction: the policy and the clamped sessions commit together.
 */
final class SessionExpiryClamp {

    private static final Logger log = LoggerFactory.getLogger(SessionExpiryClamp.class);
    private final SessionStore store;

    SessionExpiryClamp(SessionStore store) {
        this.store = store;
    }

    @EventListener
    void on(SessionLimitsShortened e) {
        int clamped = store.clampExpiries(e.policy(), e.at());
        if (clamped > 0) log.info("Auth policy: the stored expiries of {} live sessions brought within the shorter limits", clamped);
    }
}

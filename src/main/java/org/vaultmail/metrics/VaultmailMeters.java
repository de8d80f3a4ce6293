package org.vaultmail.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.session.RefreshTokenReused;
import org.vaultmail.auth.signin.SignInFailed;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.auth.signin.SignInSucceeded;
import org.vaultmail.mail.MailConnections;

/**
 * Counters fed by the events the features publish anyway (the same ones the audit log records), and
 * gauges over this node's IMAP pool. Tags are outcomes and reasons only, never a user or an address.
 */
@Component
class VaultmailMeters {

    private final MeterRegistry registry;

    VaultmailMeters(MeterRegistry registry, MailConnections connections) {
        this.registry = registry;
        Gauge.builder("vaultmail.mail.connections.open", connections, MailConnections::openConnections)
                .description("IMAP connections open in the per-session pools of this node").register(registry);
        Gauge.builder("vaultmail.mail.sessions.pooled", connections, MailConnections::pooledSessions)
                .description("Sessions with an IMAP connection pool on this node").register(registry);
        // registered at zero so a dashboard sees the series before the first event
        signIns("success", "none");
        for (SignInFailed.Reason reason : SignInFailed.Reason.values()) signIns("failure", tag(reason));
        registry.counter("vaultmail.refresh.token.reuse");
        lockouts();
        for (SignInLockoutStarted.Kind kind : SignInLockoutStarted.Kind.values()) lockoutStarts(kind);
    }

    /** A lockout began (once per start, as the audit log's {@code signin.lockout}); by what waits. */
    @EventListener
    void on(SignInLockoutStarted event) {
        lockoutStarts(event.kind()).increment();
    }

    @EventListener
    void on(SignInSucceeded event) {
        signIns("success", "none").increment();
    }

    @EventListener
    void on(SignInFailed event) {
        signIns("failure", tag(event.reason())).increment();
        if (event.reason() == SignInFailed.Reason.LOCKED_OUT) lockouts().increment();
    }

    @EventListener
    void on(SessionRevoked event) {
        registry.counter("vaultmail.sessions.revoked", "reason", tag(event.reason())).increment();
    }

    @EventListener
    void on(RefreshTokenReused event) {
        registry.counter("vaultmail.refresh.token.reuse").increment();
    }

    @EventListener
    void on(MfaFailed event) {
        registry.counter("vaultmail.mfa.failures", "reason", tag(event.reason())).increment();
    }

    private Counter lockouts() {
        return Counter.builder("vaultmail.signin.lockouts")
                .description("Sign-in attempts refused because the account or client address was in a throttling wait")
                .register(registry);
    }

    private Counter lockoutStarts(SignInLockoutStarted.Kind kind) {
        return Counter.builder("vaultmail.signin.lockout.starts")
                .description("Throttling waits started (an account or client address crossed its failure threshold)")
                .tag("kind", tag(kind)).register(registry);
    }

    private Counter signIns(String outcome, String reason) {
        return Counter.builder("vaultmail.signin").description("Sign-in attempts by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

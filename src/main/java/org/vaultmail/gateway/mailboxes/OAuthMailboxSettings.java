package org.vaultmail.gateway.mailboxes;

import java.time.Clock;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayPolicy;
import org.vaultmail.gateway.mailboxes.MailboxEvents.Actor;
import org.vaultmail.gateway.mailboxes.MailboxProblem.Reason;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthProvider;

/**
 * Send-only OAuth mailboxes (ADR 0044): checks before a flow starts, the mailbox a completed flow creates (its
 * address is the ID token's email) or reconnects (same user, same address: the grant's tokens are replaced, the state
 * goes back to {@code connected} and held mail is released exactly as after a new password).
 */
final class OAuthMailboxSettings {

    static final String RECONNECTED = "gateway.mailbox.reconnected";

    private final MailboxRows rows;
    private final OAuthMailboxes oauth;
    private final GatewayPolicies policies;
    private final MailboxEvents events;
    private final ApplicationEventPublisher publisher;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    OAuthMailboxSettings(MailboxRows rows, OAuthMailboxes oauth, GatewayPolicies policies, MailboxEvents events,
                         ApplicationEventPublisher publisher, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.rows = rows;
        this.oauth = oauth;
        this.policies = policies;
        this.events = events;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Before sending the user to the provider: the provider sends, the user's domain may connect, there is room. */
    OAuthProvider checkStart(Actor me, String providerId) {
        OAuthProvider provider = oauth.forSending(providerId).orElseThrow(() -> new MailboxProblem(Reason.NOT_FOUND,
                "problem.mailbox.noSuchAccount"));
        String domain = domain(me.address());
        if (!policies.current().connectingAllowed(domain)) {
            throw new MailboxProblem(Reason.DOMAIN_SWITCHED_OFF, "problem.mailbox.switchedOff", domain);
        }
        int max = policies.current().maxMailboxesPerUser();
        if (rows.countOf(me.userId()) >= max) throw tooMany(max); // a reconnect past the cap is let through at the end
        return provider;
    }

    /** The result of a completed flow: the mailbox, and whether it was new, reconnected (held mail released) or refreshed. */
    record Connected(ConnectedMailbox mailbox, Outcome outcome) {
    }

    enum Outcome { CONNECTED, REAUTHENTICATED, RECONNECTED }

    /**
     * Creates the mailbox or reconnects it, in one transaction with the grant's storage, under the user's row lock
     * (two tabs cannot pass the cap together). Throws a {@link MailboxProblem} (nothing stored) when it may not.
     */
    Connected complete(Actor me, CompletedAuthorization authorization) {
        ConnectedMailbox.Kind kind = OAuthMailboxes.kindOf(authorization.provider());
        String address = authorization.email().toLowerCase(Locale.ROOT);
        GatewayPolicy policy = policies.current();
        for (String domain : new String[] {domain(me.address()), domain(address)}) {
            if (!policy.connectingAllowed(domain)) {
                throw new MailboxProblem(Reason.DOMAIN_SWITCHED_OFF, "problem.mailbox.switchedOff", domain);
            }
        }
        return tx.execute(status -> {
            jdbc.sql("SELECT id FROM users WHERE id = ? FOR UPDATE").param(me.userId()).query(Long.class).optional();
            var existing = rows.byAddress(me.userId(), address).map(MailboxRows.Listed::mailbox);
            if (existing.isPresent()) return reconnect(me, existing.get(), kind, authorization);
            int max = policy.maxMailboxesPerUser();
            if (rows.countOf(me.userId()) >= max) throw tooMany(max);
            long grantId = oauth.grants().store(me.userId(), authorization);
            long id;
            try {
                id = rows.insertOAuth(me.userId(), address, kind, grantId, clock.instant());
            } catch (DuplicateKeyException e) {
                throw new MailboxProblem(Reason.ALREADY_CONNECTED, "problem.mailbox.accountConnected");
            }
            ConnectedMailbox m = new ConnectedMailbox(id, me.userId(), address, kind, MailboxState.CONNECTED);
            events.byUser(MailboxEvents.CONNECTED, me, m, "success", "mailbox.connected");
            return new Connected(m, Outcome.CONNECTED);
        });
    }

    private Connected reconnect(Actor me, ConnectedMailbox m, ConnectedMailbox.Kind kind, CompletedAuthorization authorization) {
        if (!m.kind().oauth()) {
            throw new MailboxProblem(Reason.ALREADY_CONNECTED, "problem.mailbox.connectedWithPassword", m.address(),
                    authorization.provider().displayName());
        }
        if (m.kind() != kind) {
            throw new MailboxProblem(Reason.ALREADY_CONNECTED, "problem.mailbox.otherProvider", m.address());
        }
        if (m.state() == MailboxState.DISABLED) {
            throw new MailboxProblem(Reason.DISABLED, "problem.mailbox.disabledReconnect", m.address());
        }
        var grant = rows.grantId(m.id()).flatMap(oauth::grant);
        if (grant.isPresent() && !grant.get().providerId().equals(authorization.provider().id())) {
            throw new MailboxProblem(Reason.ALREADY_CONNECTED, "problem.mailbox.otherProvider", m.address());
        }
        if (grant.isPresent()) {
            oauth.grants().replace(grant.get().id(), authorization);
        } else { // its grant is gone: a new one takes its place
            rows.attachGrant(m.id(), oauth.grants().store(me.userId(), authorization));
        }
        rows.grantReplaced(m.id(), clock.instant());
        boolean released = rows.reconnect(m.id(), clock.instant());
        ConnectedMailbox now = rows.find(m.id()).orElseThrow(MailboxProblem::notFound).mailbox();
        if (released) {
            events.byUser(MailboxEvents.REAUTHENTICATED, me, now, "success", null);
            publisher.publishEvent(new MailboxReauthenticated(m.id(), me.userId()));
            return new Connected(now, Outcome.REAUTHENTICATED);
        }
        events.byUser(RECONNECTED, me, now, "success", null);
        return new Connected(now, Outcome.RECONNECTED);
    }

    private static MailboxProblem tooMany(int max) {
        return new MailboxProblem(Reason.TOO_MANY_MAILBOXES, "problem.mailbox.tooMany", String.valueOf(max));
    }

    private static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}

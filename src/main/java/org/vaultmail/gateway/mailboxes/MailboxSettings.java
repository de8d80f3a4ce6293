package org.vaultmail.gateway.mailboxes;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayPolicy;
import org.vaultmail.gateway.mailboxes.MailboxEvents.Actor;
import org.vaultmail.gateway.mailboxes.MailboxProblem.Reason;
import org.vaultmail.vault.Sealed;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.vault.Secret;

/**
 * What the signed-in owner does with connected mailboxes (page and API): connect (after a successful test), test
 * without saving, replace the password (a new sealed write; it releases held mail when the mailbox needed it),
 * disconnect (the row and its ciphertext are deleted). Only servers the operator configured are ever contacted.
 */
final class MailboxSettings {

    static final int MAX_PASSWORD_BYTES = 1024;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[a-z0-9.-]{1,253}");

    private final MailboxRows rows;
    private final MailboxCredentials credentials;
    private final MailboxLoginTest loginTest;
    private final MailServerDirectory directory;
    private final GatewayPolicies policies;
    private final MailboxEvents events;
    private final ApplicationEventPublisher publisher;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OAuthMailboxes oauth;

    MailboxSettings(MailboxRows rows, MailboxCredentials credentials, MailboxLoginTest loginTest, MailServerDirectory directory,
                    GatewayPolicies policies, MailboxEvents events, ApplicationEventPublisher publisher, JdbcClient jdbc,
                    TransactionTemplate tx, Clock clock, OAuthMailboxes oauth) {
        this.rows = rows;
        this.credentials = credentials;
        this.loginTest = loginTest;
        this.directory = directory;
        this.policies = policies;
        this.events = events;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.oauth = oauth;
    }

    List<MailboxRows.Listed> list(long userId) {
        return rows.ofUser(userId);
    }

    /** Tests a login without saving anything; throws a {@link MailboxProblem} saying why it cannot be connected. */
    ConnectedMailbox.Kind test(Actor me, @Nullable String address, Secret password) {
        Target target = target(me, address, password);
        checkLogin(me, target, password);
        return target.kind();
    }

    /** Tests, then stores the login sealed; the new mailbox is {@code connected}. */
    ConnectedMailbox connect(Actor me, @Nullable String address, Secret password) {
        Target target = target(me, address, password);
        checkRoom(me.userId(), target.address());
        checkLogin(me, target, password);
        return tx.execute(status -> {
            jdbc.sql("SELECT id FROM users WHERE id = ? FOR UPDATE").param(me.userId()).query(Long.class).optional();
            checkRoom(me.userId(), target.address()); // again under the user's row lock: two tabs cannot pass the cap
            long id;
            try {
                id = rows.insert(me.userId(), target.address(), target.kind(), clock.instant());
            } catch (DuplicateKeyException e) {
                throw alreadyConnected();
            }
            rows.storeCredentials(id, credentials.seal(id, me.userId(), target.address(), password), clock.instant());
            ConnectedMailbox m = new ConnectedMailbox(id, me.userId(), target.address(), target.kind(), MailboxState.CONNECTED);
            events.byUser(MailboxEvents.CONNECTED, me, m, "success", "mailbox.connected");
            return m;
        });
    }

    /** Tests, then replaces the sealed login; a mailbox in {@code needs_reauth} becomes {@code connected} and its held mail is released. */
    ConnectedMailbox replacePassword(Actor me, long id, Secret password) {
        checkPassword(password);
        ConnectedMailbox m = owned(me.userId(), id);
        if (m.kind().oauth()) {
            throw new MailboxProblem(Reason.INVALID, "problem.mailbox.noPassword");
        }
        if (m.state() == MailboxState.DISABLED) {
            throw new MailboxProblem(Reason.DISABLED, "problem.mailbox.disabledPassword");
        }
        MailServers servers = servers(m.address());
        checkLogin(me, new Target(m.address(), m.kind(), servers), password);
        return tx.execute(status -> {
            Sealed sealed = credentials.seal(id, me.userId(), m.address(), password);
            if (rows.credentials(id).filter(c -> c.mailbox().userId() == me.userId()).isEmpty()) throw MailboxProblem.notFound();
            rows.storeCredentials(id, sealed, clock.instant());
            boolean released = rows.reconnect(id, clock.instant());
            ConnectedMailbox now = rows.find(id).orElseThrow(MailboxProblem::notFound).mailbox();
            if (released) {
                events.byUser(MailboxEvents.REAUTHENTICATED, me, now, "success", null);
                publisher.publishEvent(new MailboxReauthenticated(id, me.userId()));
            } else {
                events.byUser(MailboxEvents.PASSWORD_REPLACED, me, now, "success", null);
            }
            return now;
        });
    }

    /** What disconnecting did at the provider: null for a password mailbox. */
    record Disconnected(ConnectedMailbox mailbox, @Nullable Revocation revocation) {
    }

    /**
     * Deletes the mailbox and its ciphertext; for an OAuth mailbox then its grant's tokens, revoked at the provider
     * where it has an endpoint (after the commit: no transaction waits for the provider).
     */
    Disconnected disconnect(Actor me, long id) {
        record Deleted(ConnectedMailbox m, @Nullable Long grantId) {
        }
        Deleted deleted = tx.execute(status -> {
            ConnectedMailbox m = owned(me.userId(), id);
            Long grantId = rows.grantId(id).orElse(null);
            if (!rows.delete(id, me.userId())) throw MailboxProblem.notFound();
            events.byUser(MailboxEvents.DISCONNECTED, me, m, "success", "mailbox.disconnected");
            return new Deleted(m, grantId);
        });
        if (deleted.grantId() == null) return new Disconnected(deleted.m(), null);
        return new Disconnected(deleted.m(), oauth.deleteGrant(deleted.grantId()));
    }

    private ConnectedMailbox owned(long userId, long id) {
        return rows.find(id).map(MailboxRows.Listed::mailbox).filter(m -> m.userId() == userId)
                .orElseThrow(MailboxProblem::notFound);
    }

    private record Target(String address, ConnectedMailbox.Kind kind, MailServers servers) {
    }

    /** The own mailbox when {@code address} is empty or the owner's; another address needs a configured domain. */
    private Target target(Actor me, @Nullable String typed, Secret password) {
        checkPassword(password);
        String address = typed == null || typed.isBlank() ? me.address() : normalised(typed);
        ConnectedMailbox.Kind kind = address.equalsIgnoreCase(me.address()) ? ConnectedMailbox.Kind.OWN : ConnectedMailbox.Kind.SHARED;
        GatewayPolicy policy = policies.current();
        String off = !policy.connectingAllowed(domain(me.address())) ? domain(me.address())
                : !policy.connectingAllowed(domain(address)) ? domain(address) : null;
        if (off != null) {
            throw new MailboxProblem(Reason.DOMAIN_SWITCHED_OFF, "problem.mailbox.switchedOff", off);
        }
        return new Target(address, kind, servers(address));
    }

    private MailServers servers(String address) {
        return directory.forAddress(address).orElseThrow(() -> new MailboxProblem(Reason.DOMAIN_NOT_CONFIGURED,
                "problem.mailbox.noServer", domain(address)));
    }

    private void checkRoom(long userId, String address) {
        if (rows.byAddress(userId, address).isPresent()) throw alreadyConnected();
        int max = policies.current().maxMailboxesPerUser();
        if (rows.countOf(userId) >= max) {
            throw new MailboxProblem(Reason.TOO_MANY_MAILBOXES, "problem.mailbox.tooMany", String.valueOf(max));
        }
    }

    private void checkLogin(Actor me, Target target, Secret password) {
        loginTest.consume(me.userId());
        MailboxLoginTest.Outcome outcome = loginTest.test(target.servers(), target.address(), password);
        if (outcome == MailboxLoginTest.Outcome.OK) return;
        events.testFailed(me, me.userId(), target.address(), target.kind(), outcome.name().toLowerCase(Locale.ROOT));
        throw outcome == MailboxLoginTest.Outcome.REFUSED
                ? new MailboxProblem(Reason.LOGIN_REFUSED, "problem.mailbox.loginRefused")
                : new MailboxProblem(Reason.SERVER_UNAVAILABLE, "problem.mailbox.unreachable");
    }

    private static void checkPassword(Secret password) {
        if (password.length() == 0) throw new MailboxProblem(Reason.INVALID, "problem.mailbox.enterPassword");
        if (password.length() > MAX_PASSWORD_BYTES) throw new MailboxProblem(Reason.INVALID, "problem.mailbox.passwordTooLong");
    }

    private static String normalised(String typed) {
        String address = typed.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 320 || !ADDRESS.matcher(address).matches()) {
            throw new MailboxProblem(Reason.INVALID, "problem.mailbox.address");
        }
        return address;
    }

    private static MailboxProblem alreadyConnected() {
        return new MailboxProblem(Reason.ALREADY_CONNECTED, "problem.mailbox.alreadyConnected");
    }

    private static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}

package org.vaultmail.gateway.mailboxes;

import java.util.Optional;

import org.springframework.modulith.NamedInterface;
import org.vaultmail.vault.Secret;

/**
 * Connects a user's own mailbox for a trusted in-process caller that knows its password (the demo's start-up, whose
 * accounts are public): the same {@link MailboxSettings} path as the settings page, with its real connection test,
 * sealing and audit entry, but without a signed-in session. The bean exists only under profile {@code demo}, and
 * {@code TrustedApiKeyIssuerReachTest} keeps controllers and other features from depending on it.
 */
@NamedInterface("mailboxes")
public final class TrustedMailboxConnections {

    /** What happened: {@code connectedNow} false means it was connected already (or an operator disabled it). */
    public record Outcome(long mailboxId, String state, boolean connectedNow) {
    }

    private final MailboxSettings settings;
    private final MailboxRows rows;

    TrustedMailboxConnections(MailboxSettings settings, MailboxRows rows) {
        this.settings = settings;
        this.rows = rows;
    }

    /**
     * Idempotent: connects {@code address} (the user's own, sign-in address) unless it is connected already; a mailbox
     * in {@code needs_reauth} gets the password again, a {@code disabled} one is left as the operator set it.
     *
     * @throws IllegalStateException the connection test failed (the reason in words, never the password)
     */
    public Outcome connectOwnMailbox(long userId, String address, Secret password) {
        MailboxEvents.Actor me = new MailboxEvents.Actor(userId, address, null);
        try {
            Optional<ConnectedMailbox> existing = rows.byAddress(userId, address).map(MailboxRows.Listed::mailbox);
            if (existing.isEmpty()) {
                ConnectedMailbox m = settings.connect(me, null, password);
                return new Outcome(m.id(), m.state().label(), true);
            }
            ConnectedMailbox m = existing.get();
            if (m.state() == MailboxState.NEEDS_REAUTH) {
                ConnectedMailbox now = settings.replacePassword(me, m.id(), password);
                return new Outcome(now.id(), now.state().label(), true);
            }
            return new Outcome(m.id(), m.state().label(), false);
        } catch (MailboxProblem e) {
            throw new IllegalStateException("Connecting " + address + " failed: " + e.getMessage(), e);
        }
    }
}

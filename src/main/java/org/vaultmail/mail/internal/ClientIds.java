package org.vaultmail.mail.internal;

import jakarta.mail.Session;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.ClientOrigin;

/**
 * RFC 2971 {@code ID} with the client's address, sent in the not-authenticated state (Angus's
 * {@link IMAPStore#preLogin} hook, called for every connection a store opens, after STARTTLS and before the
 * login), so the server can apply its per-address penalties to the real client (ADR 0030).
 */
public final class ClientIds {

    private ClientIds() {
    }

    /** A store (imaps when {@code ssl}) whose every connection first sends {@code origin}, if not null. */
    public static IMAPStore store(Session session, boolean ssl, @Nullable ClientOrigin origin) {
        return ssl ? new PreviewProtocol.SslStore(session, null, origin) : new PreviewProtocol.Store(session, null, origin);
    }

    /**
     * Sends {@code ID} when there is an origin and the server offers the command. A refusal does not stop the
     * login (the server then sees Vaultmail's address, as before); a dropped connection does.
     */
    static void send(IMAPProtocol protocol, @Nullable ClientOrigin origin) throws ProtocolException {
        if (origin == null || !protocol.hasCapability("ID")) return;
        try {
            protocol.id(origin.idFields());
        } catch (ConnectionException e) {
            throw e;
        } catch (ProtocolException e) {
            // a server that does not want it says NO/BAD: log in without it
        }
    }
}

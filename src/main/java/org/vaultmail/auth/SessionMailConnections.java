package org.vaultmail.auth;

import org.springframework.context.event.EventListener;
import org.vaultmail.mail.MailConnections;

/** Closes a session's pooled mail connections when the session is revoked or logged out. */
class SessionMailConnections {

    private final MailConnections connections;

    SessionMailConnections(MailConnections connections) {
        this.connections = connections;
    }

    @EventListener
    void on(SessionRevoked event) {
        connections.closeSession(event.sessionId());
    }
}

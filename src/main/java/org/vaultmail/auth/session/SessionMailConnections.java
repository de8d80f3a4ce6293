package org.vaultmail.auth.session;

import java.util.Collection;

import org.springframework.context.event.EventListener;
import org.vaultmail.auth.SessionHolder;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.mail.MailConnections;

/**
 * Closes a session's pooled mail connections when the session ends: at once when it is revoked on this node, and
 * within {@link SessionLiveness}'s interval when it was revoked on another node or expired (ADR 0029).
 */
class SessionMailConnections implements SessionHolder {

    private final MailConnections connections;

    SessionMailConnections(MailConnections connections) {
        this.connections = connections;
    }

    @EventListener
    void on(SessionRevoked event) {
        connections.closeSession(event.sessionId());
    }

    @Override
    public Collection<String> heldSessions() {
        return connections.sessionIds();
    }

    @Override
    public void sessionEnded(String sessionId) {
        connections.closeSession(sessionId);
    }
}

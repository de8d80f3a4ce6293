package org.vaultmail.auth;

import java.util.Collection;
import org.vaultmail.auth.session.SessionLiveness;

/**
 * Something this node keeps open for a session (an event stream and its IMAP watch, pooled IMAP connections) that
 * must end with the session, whichever node revoked it and whether it was revoked or expired (ADR 0029). Beans of
 * this type are asked by {@link SessionLiveness} every interval.
 */
public interface SessionHolder {

    /** The sessions this holder keeps something open for right now. */
    Collection<String> heldSessions();

    /** The session has ended (revoked or expired, here or on another node): close what is held for it. */
    void sessionEnded(String sessionId);
}

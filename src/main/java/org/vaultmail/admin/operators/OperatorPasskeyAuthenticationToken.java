package org.vaultmail.admin.operators;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The passkey step of a console sign-in as a request to {@link OperatorPasskeyAuthenticationProvider} (ADR 0054, 0055):
 * the pending sign-in (taken from the session, used once), the ceremony id and the browser's assertion. Never
 * authenticated itself; {@link #toString()} shows neither the assertion nor the ceremony.
 */
public final class OperatorPasskeyAuthenticationToken extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient OperatorPasskeySignIn.Pending pending;
    private final String ceremony;
    private transient @Nullable String assertion;
    private final @Nullable String clientAddress;
    private final @Nullable String userAgent;

    private OperatorPasskeyAuthenticationToken(OperatorPasskeySignIn.Pending pending, String ceremony, String assertion,
                                               @Nullable String clientAddress, @Nullable String userAgent) {
        super(List.of());
        this.pending = pending;
        this.ceremony = ceremony;
        this.assertion = assertion;
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
        super.setAuthenticated(false);
    }

    public static OperatorPasskeyAuthenticationToken unauthenticated(OperatorPasskeySignIn.Pending pending, String ceremony,
                                                                     String assertion, @Nullable String clientAddress,
                                                                     @Nullable String userAgent) {
        return new OperatorPasskeyAuthenticationToken(pending, ceremony, assertion, clientAddress, userAgent);
    }

    /** The pending sign-in (prints as its name only). */
    @Override
    public OperatorPasskeySignIn.Pending getPrincipal() {
        return pending;
    }

    /** The assertion JSON; null once erased. */
    @Override
    public @Nullable String getCredentials() {
        return assertion;
    }

    String ceremony() {
        return ceremony;
    }

    @Nullable String clientAddress() {
        return clientAddress;
    }

    @Nullable String userAgent() {
        return userAgent;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) throw new IllegalArgumentException("a passkey step is never authenticated: the provider answers with a new token");
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        assertion = null;
        super.eraseCredentials();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "OperatorPasskeyAuthenticationToken[" + pending + ", credentials=[PROTECTED]]";
    }
}

package org.vaultmail.admin.operators;

import org.jspecify.annotations.Nullable;

/**
 * The passkey step of a console sign-in as a request to {@link OperatorPasskeyAuthenticationProvider} (ADR 0054, 0055):
 * the pending sign-in (taken from the session, used once), the ceremony id and the browser's assertion. Never
 * authenticated itself; {@link #toString()} shows neither the assertion nor the ceremony.
 */
public final class OperatorPasskeyAuthenticationToken extends OperatorSignInRequest {

    private static final long serialVersionUID = 1L;

    private final transient OperatorPasskeySignIn.Pending pending;
    private final String ceremony;
    private transient @Nullable String assertion;

    private OperatorPasskeyAuthenticationToken(OperatorPasskeySignIn.Pending pending, String ceremony, String assertion,
                                               @Nullable String clientAddress, @Nullable String userAgent) {
        super(clientAddress, userAgent);
        this.pending = pending;
        this.ceremony = ceremony;
        this.assertion = assertion;
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

    @Override
    public void eraseCredentials() {
        assertion = null;
        super.eraseCredentials();
    }

    @Override
    public String toString() {
        return "OperatorPasskeyAuthenticationToken[" + pending + ", credentials=[PROTECTED]]";
    }
}

package org.vaultmail.admin.operators;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * What both console sign-in request tokens share (ADR 0055): the client (address and user agent, for the throttle and
 * the audit), never being authenticated themselves (their provider answers with a new token), and identity equality
 * (a request is not a value: two equal-looking attempts are two attempts). Subclasses print no credential.
 */
abstract class OperatorSignInRequest extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final @Nullable String clientAddress;
    private final @Nullable String userAgent;

    OperatorSignInRequest(@Nullable String clientAddress, @Nullable String userAgent) {
        super(List.of());
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
        super.setAuthenticated(false);
    }

    final @Nullable String clientAddress() {
        return clientAddress;
    }

    final @Nullable String userAgent() {
        return userAgent;
    }

    @Override
    public final void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("a sign-in request is never authenticated: the provider answers with a new token");
        }
        super.setAuthenticated(false);
    }

    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }
}

package org.vaultmail.admin.operators;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.vaultmail.vault.Secret;

/**
 * An operator's sign-in request (ADR 0055): name, password and TOTP code, with the client for the throttle and the
 * audit. Never authenticated itself ({@link OperatorAuthenticationProvider} answers with a new token);
 * {@link #eraseCredentials()} zeroes the password, and {@link #toString()} never shows it nor the code.
 */
public final class OperatorAuthenticationToken extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String name;
    private transient @Nullable Secret password;
    private transient @Nullable String code;
    private final @Nullable String clientAddress;
    private final @Nullable String userAgent;

    private OperatorAuthenticationToken(String name, Secret password, String code, @Nullable String clientAddress,
                                        @Nullable String userAgent) {
        super(List.of());
        this.name = name;
        this.password = password;
        this.code = code;
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
        super.setAuthenticated(false);
    }

    /** The password stays the caller's to close as well; this token only borrows it until {@link #eraseCredentials()}. */
    public static OperatorAuthenticationToken unauthenticated(String name, Secret password, String code,
                                                              @Nullable String clientAddress, @Nullable String userAgent) {
        return new OperatorAuthenticationToken(name, password, code, clientAddress, userAgent);
    }

    @Override
    public String getPrincipal() {
        return name;
    }

    /** The password ({@link Secret} prints as {@code [PROTECTED]}); null once erased. */
    @Override
    public @Nullable Secret getCredentials() {
        return password;
    }

    @Nullable String code() {
        return code;
    }

    @Nullable String clientAddress() {
        return clientAddress;
    }

    @Nullable String userAgent() {
        return userAgent;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) throw new IllegalArgumentException("a sign-in request is never authenticated: the provider answers with a new token");
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        Secret p = password;
        if (p != null) p.close();
        password = null;
        code = null;
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
        return "OperatorAuthenticationToken[" + name + ", credentials=[PROTECTED]]";
    }
}

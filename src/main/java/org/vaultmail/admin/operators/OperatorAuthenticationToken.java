package org.vaultmail.admin.operators;

import org.jspecify.annotations.Nullable;
import org.vaultmail.vault.Secret;

/**
 * An operator's sign-in request (ADR 0055): name, password and TOTP code, with the client for the throttle and the
 * audit. Never authenticated itself ({@link OperatorAuthenticationProvider} answers with a new token);
 * {@link #eraseCredentials()} zeroes the password, and {@link #toString()} never shows it nor the code.
 */
public final class OperatorAuthenticationToken extends OperatorSignInRequest {

    private static final long serialVersionUID = 1L;

    private final String name;
    private transient @Nullable Secret password;
    private transient @Nullable String code;

    private OperatorAuthenticationToken(String name, Secret password, String code, @Nullable String clientAddress,
                                        @Nullable String userAgent) {
        super(clientAddress, userAgent);
        this.name = name;
        this.password = password;
        this.code = code;
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

    @Override
    public void eraseCredentials() {
        Secret p = password;
        if (p != null) p.close();
        password = null;
        code = null;
        super.eraseCredentials();
    }

    @Override
    public String toString() {
        return "OperatorAuthenticationToken[" + name + ", credentials=[PROTECTED]]";
    }
}

package org.vaultmail.admin.operators;

import java.util.List;
import java.util.Locale;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Password + TOTP code sign-in as a Spring Security provider (ADR 0055): {@link OperatorAuthenticator} does the work
 * (throttle, Argon2 gate, audit unchanged). Deliberately not a bean: a lone {@code AuthenticationProvider} bean would
 * become the global authentication manager's, and the users' chains must never accept an operator's password.
 */
public final class OperatorAuthenticationProvider implements AuthenticationProvider {

    /** The one authority of a signed-in operator (the console chain requires role {@code OPERATOR}). */
    public static final String AUTHORITY = "ROLE_OPERATOR";

    private final OperatorAuthenticator operators;

    public OperatorAuthenticationProvider(OperatorAuthenticator operators) {
        this.operators = operators;
    }

    /**
     * @throws BadCredentialsException     wrong name, password or code, or the name or client must wait (looks the same)
     * @throws OperatorSignInBusyException this node checks as many passwords as it may: not checked, not counted
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        OperatorAuthenticationToken request = (OperatorAuthenticationToken) authentication;
        String code = request.code();
        if (request.getCredentials() == null || code == null) throw new BadCredentialsException("Wrong name, password or code.");
        boolean ok = operators.verify(request.getPrincipal(), request.getCredentials(), code.strip(), request.clientAddress(),
                request.userAgent());
        if (!ok) throw new BadCredentialsException("Wrong name, password or code.");
        return signedIn(request.getPrincipal().strip().toLowerCase(Locale.ROOT));
    }

    /** The authenticated operator: name and role, no credentials. */
    static Authentication signedIn(String operator) {
        return UsernamePasswordAuthenticationToken.authenticated(operator, null, List.of(new SimpleGrantedAuthority(AUTHORITY)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OperatorAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

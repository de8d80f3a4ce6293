package org.vaultmail.admin.operators;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * The passkey step as a Spring Security provider (ADR 0055): {@link OperatorPasskeySignIn#finish} does the work
 * (one-shot, throttle reservation settled, audited). Not a bean, for the reason given on {@link OperatorAuthenticationProvider}.
 */
public final class OperatorPasskeyAuthenticationProvider implements AuthenticationProvider {

    private final OperatorPasskeySignIn signIn;

    public OperatorPasskeyAuthenticationProvider(OperatorPasskeySignIn signIn) {
        this.signIn = signIn;
    }

    /** @throws OperatorPasskeyRefusedException the step refused the sign-in (counted as a failed sign-in) */
    @Override
    public Authentication authenticate(Authentication authentication) {
        OperatorPasskeyAuthenticationToken request = (OperatorPasskeyAuthenticationToken) authentication;
        String assertion = request.getCredentials();
        OperatorPasskeySignIn.Result result = signIn.finish(request.getPrincipal(), request.ceremony(),
                assertion == null ? "" : assertion, request.clientAddress(), request.userAgent());
        String operator = result.operator();
        if (operator == null) throw new OperatorPasskeyRefusedException(result.message());
        return OperatorAuthenticationProvider.signedIn(operator);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OperatorPasskeyAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package org.vaultmail.auth.signin;

import org.jspecify.annotations.Nullable;
import org.vaultmail.oauth.OAuthProvider;

/**
 * A sign-in that did not succeed: refused ("wrong address or password"), mail server unreachable, too busy, or an
 * address of an OAuth domain, which signs in at its provider instead of with a password (ADR 0045).
 */
public final class SignInException extends RuntimeException {

    /**
     * What the user is told; a lockout is {@link #REFUSED} too, indistinguishable from a wrong password.
     * {@link #OAUTH_DOMAIN} says no more than the operator's public configuration (which domains use which provider).
     */
    enum Outcome { REFUSED, UNREACHABLE, BUSY, OAUTH_DOMAIN }

    private final Outcome outcome;
    private final @Nullable OAuthProvider provider;

    SignInException(Outcome outcome) {
        this(outcome, null);
    }

    /** The address belongs to a domain that signs in with {@code provider}: no password is checked. */
    SignInException(OAuthProvider provider) {
        this(Outcome.OAUTH_DOMAIN, provider);
    }

    private SignInException(Outcome outcome, @Nullable OAuthProvider provider) {
        super(switch (outcome) {
            case REFUSED -> "wrong address or password";
            case UNREACHABLE -> "mail server unreachable";
            case BUSY -> "too many sign-ins in progress";
            case OAUTH_DOMAIN -> "the address signs in with OAuth";
        }, null, false, false);
        this.outcome = outcome;
        this.provider = provider;
    }

    /** For {@link Outcome#OAUTH_DOMAIN}: the provider the address signs in with. */
    @Nullable OAuthProvider provider() {
        return provider;
    }

    SignInException(boolean unreachable) {
        this(unreachable ? Outcome.UNREACHABLE : Outcome.REFUSED);
    }

    Outcome outcome() {
        return outcome;
    }

    /** Not the user's fault: 503, "try again later". */
    boolean unreachable() {
        return outcome == Outcome.UNREACHABLE || outcome == Outcome.BUSY;
    }

    /** The message shown for this outcome. */
    String message() {
        return switch (outcome) {
            case REFUSED -> SessionsApiController.SIGN_IN_FAILED;
            case UNREACHABLE -> SessionsApiController.SERVER_UNREACHABLE;
            case BUSY -> SessionsApiController.SERVER_BUSY;
            case OAUTH_DOMAIN -> SessionsApiController.OAUTH_DOMAIN;
        };
    }
}

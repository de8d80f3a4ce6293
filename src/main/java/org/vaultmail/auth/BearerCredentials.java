package org.vaultmail.auth;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A kind of {@code Authorization: Bearer} credential other than a session's access token, contributed by another
 * feature as a bean (the gateway's API keys). The filter chain asks each kind whether it {@link #recognises} a token
 * by its form alone, accepts it only on that kind's {@link #paths} (matched on the routed path, ADR 0024) and answers
 * 403 elsewhere, so such a credential can never reach the webmail's API. Implementations never log the token.
 */
public interface BearerCredentials {

    /** Whether {@code token} is of this kind by its form alone (its prefix), without any lookup. */
    boolean recognises(String token);

    /** Where this kind of credential may be used. */
    RequestMatcher paths();

    /** What to tell a client that used this kind of credential elsewhere (a 403's detail; no secret in it). */
    String wrongPlace();

    /**
     * The authentication for a valid credential; empty when it is malformed, unknown, revoked or expired (then the
     * request is unauthenticated: 401). May look the credential up; must compare in constant time.
     */
    Optional<Authentication> authenticate(String token, HttpServletRequest request);
}

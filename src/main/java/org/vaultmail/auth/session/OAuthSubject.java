package org.vaultmail.auth.session;

import java.util.Objects;

/**
 * The provider's stable account behind an OAuth session (ADR 0047 amendment): the ID token's {@code iss} and
 * {@code sub}, recorded at sign-in ({@code sessions.oauth_issuer}, {@code oauth_subject}, V52). Unlike the address,
 * neither can be edited by the account's administrator: Google's and OpenID's {@code sub} never changes, Microsoft's is
 * pairwise per app registration (the re-authentication uses the sign-in's) and its {@code iss} names the tenant.
 * Not a secret: it opens nothing.
 */
public record OAuthSubject(String issuer, String subject) {

    public OAuthSubject {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        if (issuer.isBlank() || subject.isBlank()) throw new IllegalArgumentException("issuer and subject must not be blank");
    }
}

package org.vaultmail.oauth;

import java.util.List;
import java.util.Optional;

/** The configured providers; none when the operator configured none (every OAuth button is then hidden). */
public interface OAuthProviders {

    List<OAuthProvider> all();

    Optional<OAuthProvider> find(String id);

    /** The provider whose users of {@code domain} sign in with OAuth instead of a password, if the domain is one. */
    Optional<OAuthProvider> forDomain(String domain);
}

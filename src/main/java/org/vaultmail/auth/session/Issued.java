package org.vaultmail.auth.session;

import java.time.Duration;

/** What a sign-in or refresh hands to the client; the secrets leave only through cookies or the JSON response. */
public record Issued(String sessionId, long userId, String accessToken, byte[] refreshSecret, byte[] unsealSecret,
              Duration accessTokenTtl, boolean remember) {

    /** The API's refresh token: the refresh secret and the unseal secret, dot-separated (ADR 0004). */
    public String apiRefreshToken() {
        return Randoms.text(refreshSecret) + "." + Randoms.text(unsealSecret);
    }

    @Override
    public String toString() {
        return "Issued[session=" + sessionId + ", user=" + userId + "]";
    }
}

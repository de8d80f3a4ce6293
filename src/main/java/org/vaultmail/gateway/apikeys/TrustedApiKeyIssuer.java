package org.vaultmail.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.modulith.NamedInterface;

/**
 * Issues API keys for trusted in-process callers, without the second-factor and freshness checks of {@link
 * ApiKeys#create} (those are HTTP-layer rules for a person). Its only caller is the demo's start-up ({@code
 * ./vaultmail demo}); the bean exists only under profile {@code demo}, and {@code TrustedApiKeyIssuerReachTest} keeps
 * every controller and every other feature from depending on it, so no HTTP request can reach it.
 */
@NamedInterface("apikeys")
public final class TrustedApiKeyIssuer {

    private final ApiKeys keys;
    private final ApiKeyStore store;
    private final Clock clock;

    TrustedApiKeyIssuer(ApiKeys keys, ApiKeyStore store, Clock clock) {
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A new key of {@code userId} on all of their connected mailboxes, with the policy's longest expiry; audited as
     * {@code gateway.apikey.created} by the system with {@code via = caller}.
     *
     * @param scopes labels as in the API: {@code send}, {@code outbox:read}, {@code webhooks}
     */
    public IssuedKey issueWithoutInteractiveChecks(long userId, String name, List<String> scopes, String caller) {
        ApiKeys.Created created = keys.createForTrustedCaller(userId, new ApiKeys.Request(name, scopes, null, null), caller);
        return new IssuedKey(created.id(), created.key(), created.expiresAt());
    }

    /**
     * Whether {@code key} is a key of {@code userId} that works now (well-formed, known, not revoked, not expired, API
     * access not switched off) and carries every one of {@code scopes}. Records no use.
     */
    public boolean usable(String key, long userId, List<String> scopes) {
        if (!ApiKeyFormat.wellFormed(key)) return false;
        String digest = ApiKeyFormat.digest(key);
        Optional<ApiKeyStore.Found> found = store.findByDigest(digest);
        if (found.isEmpty() || !MessageDigest.isEqual(found.get().digest().getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        ApiKeyStore.Found k = found.get();
        Set<ApiScope> wanted = ApiKeys.validScopes(scopes);
        return k.userId() == userId && ApiKeyCredentials.refusal(k, clock.instant()) == null && k.scopes().containsAll(wanted);
    }

    /** A key just issued. Prints as {@code [PROTECTED]}; {@link #reveal()} is the only way to the key itself. */
    public static final class IssuedKey {

        private final long id;
        private final ApiKeySecret key;
        private final Instant expiresAt;

        IssuedKey(long id, ApiKeySecret key, Instant expiresAt) {
            this.id = id;
            this.key = key;
            this.expiresAt = expiresAt;
        }

        public long id() {
            return id;
        }

        public String prefix() {
            return key.prefix();
        }

        public Instant expiresAt() {
            return expiresAt;
        }

        /** The key itself: to be handed to its one destination (the demo's key file), never to a log. */
        public String reveal() {
            return key.reveal();
        }

        @Override
        public String toString() {
            return "IssuedKey[id=" + id + ", prefix=" + key.prefix() + ", key=[PROTECTED]]";
        }
    }
}

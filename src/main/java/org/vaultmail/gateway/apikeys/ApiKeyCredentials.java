package org.vaultmail.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;
import org.vaultmail.auth.BearerCredentials;

/**
 * {@code Authorization: Bearer vmk_…} (ADR 0036): accepted only on the outbox and webhooks APIs (the routed path,
 * ADR 0024). A malformed key (length, alphabet, checksum) is refused before any lookup; a well-formed one is looked up
 * by its SHA-256 digest and the digests compared in constant time. Every request reads the row (no cache), so a
 * revocation or an operator's switch-off applies at once on every node.
 */
final class ApiKeyCredentials implements BearerCredentials {

    static final RequestMatcher PATHS = RequestMatchers.anyOf(Stream.of("/api/v1/outbox", "/api/v1/outbox/**",
            "/api/v1/webhooks", "/api/v1/webhooks/**").map(PathPatternRequestMatcher::pathPattern).toArray(RequestMatcher[]::new));

    static final String WRONG_PLACE = "An API key (vmk_…) works only on the outbox API (/api/v1/outbox) and the webhooks API "
            + "(/api/v1/webhooks). Everything else needs a signed-in session.";

    private final ApiKeyStore store;
    private final ApiKeyUses uses;
    private final Clock clock;

    ApiKeyCredentials(ApiKeyStore store, ApiKeyUses uses, Clock clock) {
        this.store = store;
        this.uses = uses;
        this.clock = clock;
    }

    @Override
    public boolean recognises(String token) {
        return token.startsWith(ApiKeyFormat.PREFIX);
    }

    @Override
    public RequestMatcher paths() {
        return PATHS;
    }

    @Override
    public String wrongPlace() {
        return WRONG_PLACE;
    }

    @Override
    public Optional<Authentication> authenticate(String token, HttpServletRequest request) {
        if (!ApiKeyFormat.wellFormed(token)) return Optional.empty(); // a typo or truncation: no lookup
        String digest = ApiKeyFormat.digest(token);
        Optional<ApiKeyStore.Found> found = store.findByDigest(digest);
        if (found.isEmpty() || !MessageDigest.isEqual(found.get().digest().getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ApiKeyStore.Found key = found.get();
        String from = request.getRemoteAddr();
        String refusal = refusal(key, clock.instant());
        if (refusal != null) {
            uses.refused(key, refusal, from);
            return Optional.empty();
        }
        @Nullable Set<Long> mailboxes = key.allMailboxes() ? null : store.mailboxesOf(key.id());
        uses.used(key.id(), from);
        return Optional.of(new ApiKeyAuthentication(new ApiKeyGrant(key.id(), key.userId(), key.ownerAddress(), key.prefix(),
                key.scopes(), mailboxes)));
    }

    /** Why a known key may not be used now, or null. */
    static @Nullable String refusal(ApiKeyStore.Found key, Instant now) {
        if (key.revokedAt() != null) return "revoked";
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) return "expired";
        if (key.accessDisabled()) return "api_access_disabled";
        return null;
    }
}

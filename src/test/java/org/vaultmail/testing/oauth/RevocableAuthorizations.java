package org.vaultmail.testing.oauth;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The in-memory authorization store plus an index by user, so a test can withdraw a user's consent: every
 * authorization of the user disappears, its tokens stop introspecting as active and its refresh tokens get
 * {@code invalid_grant} (what Google and Microsoft do when a user revokes the app).
 */
final class RevocableAuthorizations implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Set<String>> idsByUser = new ConcurrentHashMap<>();

    @Override
    public void save(OAuth2Authorization authorization) {
        store.save(authorization);
        idsByUser.computeIfAbsent(key(authorization.getPrincipalName()), k -> ConcurrentHashMap.newKeySet())
                .add(authorization.getId());
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
        Set<String> ids = idsByUser.get(key(authorization.getPrincipalName()));
        if (ids != null) ids.remove(authorization.getId());
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }

    /** Removes every authorization of {@code username}; returns how many there were. */
    int revokeAll(String username) {
        Set<String> ids = idsByUser.remove(key(username));
        if (ids == null) return 0;
        int removed = 0;
        for (String id : ids) {
            OAuth2Authorization authorization = store.findById(id);
            if (authorization != null) {
                store.remove(authorization);
                removed++;
            }
        }
        return removed;
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}

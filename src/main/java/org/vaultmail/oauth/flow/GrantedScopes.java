package org.vaultmail.oauth.flow;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.oauth.ProviderKind;

/**
 * Whether the provider granted every scope a feature needs. OpenID's {@code openid}/{@code email} and
 * {@code offline_access} are not always echoed (their effect is the ID token and the refresh token, checked elsewhere);
 * Microsoft echoes Graph scopes fully qualified ({@code https://graph.microsoft.com/Mail.Send}).
 */
final class GrantedScopes {

    private static final Set<String> NOT_ECHOED = Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.OFFLINE_ACCESS, "profile");
    private static final String GRAPH = "https://graph.microsoft.com/";

    private GrantedScopes() {
    }

    static boolean allGranted(ProviderKind kind, Set<String> requested, Set<String> granted) {
        Set<String> have = granted.stream().map(s -> normalise(kind, s)).collect(Collectors.toSet());
        return requested.stream().filter(s -> !NOT_ECHOED.contains(s)).allMatch(s -> have.contains(normalise(kind, s)));
    }

    private static String normalise(ProviderKind kind, String scope) {
        String s = scope.strip();
        if (kind == ProviderKind.MICROSOFT && s.regionMatches(true, 0, GRAPH, 0, GRAPH.length())) s = s.substring(GRAPH.length());
        return kind == ProviderKind.MICROSOFT ? s.toLowerCase(Locale.ROOT) : s;
    }
}

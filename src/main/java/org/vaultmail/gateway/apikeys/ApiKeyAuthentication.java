package org.vaultmail.gateway.apikeys;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key. Holds no credential: the key is not kept after the lookup. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyGrant grant;

    public ApiKeyAuthentication(ApiKeyGrant grant) {
        super(grant.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s.label())).toList());
        this.grant = grant;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiKeyGrant getPrincipal() {
        return grant;
    }

    @Override
    public String getName() {
        return "apikey:" + grant.prefix();
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[key=" + grant.keyId() + ", prefix=" + grant.prefix() + ", user=" + grant.userId() + "]";
    }

    static List<String> labels(ApiKeyGrant grant) {
        return grant.scopes().stream().map(ApiScope::label).toList();
    }
}

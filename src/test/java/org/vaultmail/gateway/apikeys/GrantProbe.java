package org.vaultmail.gateway.apikeys;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only handler on the API keys' paths that answers what the request's key grants (the outbox, built in
 * parallel, checks the scopes itself). Not component-scanned: tests {@code @Import} it or pass it as a source.
 */
@RestController
@TestComponent
public class GrantProbe {

    public static final String PATH = "/api/v1/outbox/test-grant";

    @GetMapping(PATH)
    Map<String, Object> grant(Authentication auth) {
        ApiKeyGrant g = ((ApiKeyAuthentication) auth).getPrincipal();
        Map<String, Object> out = new TreeMap<>();
        out.put("keyId", g.keyId());
        out.put("userId", g.userId());
        out.put("owner", g.ownerAddress());
        out.put("prefix", g.prefix());
        out.put("scopes", g.scopes().stream().map(ApiScope::label).sorted().toList());
        out.put("mailboxes", g.mailboxIds() == null ? "all" : g.mailboxIds().stream().sorted().toList());
        return out;
    }
}

package org.vaultmail.testing.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/** One authorization code flow with PKCE run over HTTP, for {@link LocalAuthorizationServer#issueTokens}. */
final class CodeFlow {

    /** Never called: the flow stops at the redirect. Any loopback callback is acceptable to the server. */
    static final String REDIRECT_URI = "http://127.0.0.1:9/oauth/callback/fixture";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalAuthorizationServer server;
    private final String clientId;
    private final Set<String> scopes;
    private final String verifier = random();
    private final String state = random();
    private final String nonce = random();

    CodeFlow(LocalAuthorizationServer server, String clientId, Set<String> scopes) {
        this.server = server;
        this.clientId = clientId;
        this.scopes = scopes;
    }

    /** The authorization URL a client would redirect the browser to. */
    URI authorizationUrl() {
        return authorizationUrl("");
    }

    /** The same with more query parameters ({@code &prompt=login&max_age=0}). */
    URI authorizationUrl(String moreParameters) {
        StringBuilder url = new StringBuilder(server.authorizationUri().toString())
                .append("?response_type=code&client_id=").append(LocalAuthorizationServer.encode(clientId))
                .append("&redirect_uri=").append(LocalAuthorizationServer.encode(REDIRECT_URI))
                .append("&scope=").append(LocalAuthorizationServer.encode(String.join(" ", scopes)))
                .append("&state=").append(state).append("&nonce=").append(nonce)
                .append("&code_challenge=").append(challenge(verifier)).append("&code_challenge_method=S256");
        // as Vaultmail asks Google: a refresh token only with access_type=offline
        if (LocalAuthorizationServer.GOOGLE.equals(clientId)) url.append("&access_type=offline&prompt=consent");
        return URI.create(url.append(moreParameters).toString());
    }

    IssuedTokens run(String username, String password) {
        return run(username, password, new LinkedHashMap<>(), "");
    }

    /** In a browser whose authorization server cookies are {@code jar} (a returning user is not asked to log in). */
    IssuedTokens run(String username, String password, Map<String, String> jar, String moreParameters) {
        URI callback = OAuthBrowserlessLogin.callbackFor(authorizationUrl(moreParameters), username, password, jar);
        Map<String, String> query = query(callback);
        if (!state.equals(query.get("state"))) throw new IllegalStateException("the state came back changed");
        String code = query.get("code");
        if (code == null) throw new IllegalStateException("no code: " + query.get("error"));
        Reply reply = server.tokenRequest(clientId, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
        if (reply.status() != 200) {
            throw new IllegalStateException("token endpoint answered " + reply.status() + ": "
                    + reply.body().substring(0, Math.min(400, reply.body().length())));
        }
        return tokens(reply.json());
    }

    static IssuedTokens tokens(JsonNode json) {
        return new IssuedTokens(json.path("access_token").asString(), text(json, "refresh_token"), text(json, "id_token"),
                LocalAuthorizationServer.expiry(json), LocalAuthorizationServer.scopes(text(json, "scope")));
    }

    String nonce() {
        return nonce;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) return params;
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.vaultmail.oauth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A small real OAuth 2.0 / OpenID provider on 127.0.0.1 for the core's unit tests: authorization codes minted from an
 * authorization URL (no login page), a token endpoint that checks client credentials and PKCE S256 and signs ID tokens
 * (RS256), refresh with optional rotation, RFC 7009 revocation, and knobs for failures. The full flows with Spring
 * Authorization Server run against {@code testing.oauth.LocalAuthorizationServer}.
 */
public final class StubProvider implements AutoCloseable {

    public static final String CLIENT_ID = "vaultmail-test";
    public static final String CLIENT_SECRET = "client-secret-CANARY-7f3a91";

    private record Code(String user, String email, Set<String> scopes, String redirectUri, String challenge, String nonce) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // token -> user
    private final Map<String, Set<String>> refreshScopes = new ConcurrentHashMap<>();
    private final List<String> revoked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> issued = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refreshRequests = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile boolean rotate;
    private volatile long expiresIn = 3600;
    private volatile long refreshDelayMillis = 0;
    private volatile @Nullable Set<String> grantOnly;
    private volatile @Nullable String nonceOverride;
    private volatile boolean omitEmail;
    private volatile boolean omitRefreshToken;
    private final AtomicInteger serial = new AtomicInteger();

    public StubProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stub-1").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/authorize", this::authorize);
        server.createContext("/revoke", this::revoke);
        server.createContext("/jwks", x -> send(x, 200, "application/json", new JWKSet(key.toPublicJWK()).toString()));
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String issuer() {
        return base().toString();
    }

    /** {@code vaultmail.oauth.providers.<id>.*} for this stub as a provider of {@code kind} (a fresh secret file). */
    public Map<String, String> properties(String id, String kind) {
        Map<String, String> p = new LinkedHashMap<>();
        String prefix = "vaultmail.oauth.providers." + id + ".";
        p.put(prefix + "kind", kind);
        p.put(prefix + "client-id", CLIENT_ID);
        p.put(prefix + "client-secret-file", secretFile().toString());
        p.put(prefix + "authorization-uri", base() + "/authorize");
        p.put(prefix + "token-uri", base() + "/token");
        p.put(prefix + "jwk-set-uri", base() + "/jwks");
        p.put(prefix + "issuer", issuer());
        p.put(prefix + "revocation-uri", kind.equals("microsoft") ? "none" : base() + "/revoke");
        return p;
    }

    public static Path secretFile() {
        try {
            Path file = Files.createTempFile("stub-oauth-", ".secret");
            Files.writeString(file, CLIENT_SECRET + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user approved at the provider: the callback URL the provider would redirect the browser to. */
    public URI approve(URI authorizationUrl, String user) {
        Map<String, String> q = query(authorizationUrl.getRawQuery());
        Set<String> scopes = new LinkedHashSet<>(List.of(q.get("scope").split(" ")));
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Code(user, user, scopes, q.get("redirect_uri"), q.get("code_challenge"), q.get("nonce")));
        return URI.create(q.get("redirect_uri") + "?code=" + code + "&state=" + encode(q.get("state")));
    }

    /** A browser at the authorization endpoint: approved at once for the {@code login_hint} (no login page). */
    private void authorize(HttpExchange x) throws IOException {
        URI request = URI.create(base() + x.getRequestURI().toString());
        String user = query(request.getRawQuery()).getOrDefault("login_hint", "e2e@example.test");
        x.getResponseHeaders().set("Location", approve(request, user).toString());
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    /** The user declined: the provider's error redirect. */
    public URI deny(URI authorizationUrl) {
        Map<String, String> q = query(authorizationUrl.getRawQuery());
        return URI.create(q.get("redirect_uri") + "?error=access_denied&state=" + encode(q.get("state")));
    }

    /** Tokens for {@code user} as if a flow had finished (refresh token known here). */
    public Map<String, String> issue(String user, Set<String> scopes) {
        String refresh = "refresh-" + serial.incrementAndGet() + "-" + UUID.randomUUID();
        refreshTokens.put(refresh, user);
        refreshScopes.put(refresh, scopes);
        return Map.of("access_token", access(), "refresh_token", issued(refresh));
    }

    public void rotateRefreshTokens(boolean on) {
        rotate = on;
    }

    public void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    public void refreshDelay(long millis) {
        refreshDelayMillis = millis;
    }

    public void grantOnly(@Nullable Set<String> scopes) {
        grantOnly = scopes;
    }

    public void nonceOverride(@Nullable String nonce) {
        nonceOverride = nonce;
    }

    public void omitEmail(boolean on) {
        omitEmail = on;
    }

    public void omitRefreshToken(boolean on) {
        omitRefreshToken = on;
    }

    /** The next {@code times} token requests fail with {@code status}. */
    public void failNext(int times, int status) {
        failureStatus = status;
        failures.set(times);
    }

    /** The user withdrew consent: every refresh token of {@code user} stops working. */
    public void revokeUser(String user) {
        refreshTokens.values().removeIf(user::equals);
    }

    public int refreshRequests() {
        return refreshRequests.get();
    }

    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** Every access and refresh token this provider issued (canaries: none may appear in logs, pages or dumps). */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    private String access() {
        return issued("access-" + UUID.randomUUID());
    }

    private String issued(String token) {
        issued.add(token);
        return token;
    }

    public List<String> revoked() {
        return List.copyOf(revoked);
    }

    public boolean refreshTokenValid(String token) {
        return refreshTokens.containsKey(token);
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(form);
        if (!clientAuthenticated(x)) {
            send(x, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        if ("refresh_token".equals(form.get("grant_type"))) refreshRequests.incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(x, failureStatus, "application/json", "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        try {
            switch (form.getOrDefault("grant_type", "")) {
                case "authorization_code" -> codeGrant(x, form);
                case "refresh_token" -> refreshGrant(x, form);
                default -> send(x, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
            }
        } catch (Exception e) {
            send(x, 500, "application/json", "{\"error\":\"server_error\"}");
        }
    }

    private void codeGrant(HttpExchange x, Map<String, String> form) throws Exception {
        Code code = codes.remove(form.getOrDefault("code", ""));
        String verifier = form.get("code_verifier");
        if (code == null || verifier == null || !code.challenge().equals(s256(verifier))
                || !code.redirectUri().equals(form.get("redirect_uri"))) {
            send(x, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Set<String> granted = grantOnly == null ? code.scopes() : grantOnly;
        String refresh = "refresh-" + serial.incrementAndGet() + "-" + UUID.randomUUID();
        refreshTokens.put(refresh, code.user());
        refreshScopes.put(refresh, granted);
        Map<String, Object> claims = new LinkedHashMap<>();
        if (!omitEmail) claims.put("email", code.email());
        String nonce = nonceOverride == null ? code.nonce() : nonceOverride;
        issued(refresh);
        send(x, 200, "application/json", "{\"access_token\":\"" + access() + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + expiresIn + ",\"scope\":\"" + String.join(" ", granted) + "\","
                + (omitRefreshToken ? "" : "\"refresh_token\":\"" + refresh + "\",")
                + "\"id_token\":\"" + idToken(code.user(), nonce, claims) + "\"}");
    }

    private void refreshGrant(HttpExchange x, Map<String, String> form) throws Exception {
        if (refreshDelayMillis > 0) Thread.sleep(refreshDelayMillis); // a slow token endpoint, as the test set it
        String old = form.getOrDefault("refresh_token", "");
        String user = refreshTokens.get(old);
        if (user == null) {
            send(x, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"token " + old + " unknown\"}");
            return;
        }
        Set<String> scopes = refreshScopes.getOrDefault(old, Set.of());
        String next = "";
        if (rotate) {
            refreshTokens.remove(old);
            String fresh = "refresh-" + serial.incrementAndGet() + "-" + UUID.randomUUID();
            refreshTokens.put(fresh, user);
            refreshScopes.put(fresh, scopes);
            next = "\"refresh_token\":\"" + issued(fresh) + "\",";
        }
        send(x, 200, "application/json", "{\"access_token\":\"" + access() + "\",\"token_type\":\"Bearer\","
                + next + "\"expires_in\":" + expiresIn + ",\"scope\":\"" + String.join(" ", scopes) + "\"}");
    }

    private void revoke(HttpExchange x) throws IOException {
        Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientAuthenticated(x)) {
            send(x, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = form.getOrDefault("token", "");
        revoked.add(token);
        refreshTokens.remove(token);
        send(x, 200, "text/plain", "");
    }

    private String idToken(String user, @Nullable String nonce, Map<String, Object> extra) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + user)
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        if (nonce != null) claims.claim("nonce", nonce);
        extra.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static boolean clientAuthenticated(HttpExchange x) {
        String header = x.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) return false;
        String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon > 0 && URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8).equals(CLIENT_ID)
                && URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8).equals(CLIENT_SECRET);
    }

    public static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    public static Map<String, String> query(@Nullable String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) x.getResponseBody().write(bytes);
        x.close();
    }


    @Override
    public void close() {
        server.stop(0);
    }
}

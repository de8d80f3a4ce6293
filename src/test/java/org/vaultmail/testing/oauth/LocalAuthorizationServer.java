package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * A real Spring Authorization Server on 127.0.0.1, in a Spring context and Tomcat of its own inside the test JVM:
 * the stand-in for Google's and Microsoft's identity platforms (issue 15). Clients {@code google} and
 * {@code microsoft} with the providers' real scope strings (authorization code with PKCE required, refresh tokens,
 * no consent screen), opaque access tokens (so introspection is real), OIDC ID tokens with {@code email} and
 * {@code auth_time}, {@code prompt=login} and {@code max_age} honoured as the real providers do ({@link FreshLoginFilter}); users are
 * every {@code *@example.test} address with the password {@code <local-part>-sso}.
 *
 * <p>{@link #shared()} is the one on port 9000 that the shared Dovecot introspects; {@link #start()} a private one on
 * a random port. The test controls ({@link #accessTokenTtl}, {@link #revokeAuthorizations}, {@link #grantOnly},
 * {@link #denyNext}, {@link #failTokenEndpoint}, {@link #tokenRequests}) go over HTTP, so they work the same on a
 * shared server that another test JVM started.
 */
public final class LocalAuthorizationServer implements AutoCloseable {

    public static final int SHARED_PORT = 9000;
    public static final String GOOGLE = TestClients.GOOGLE;
    public static final String MICROSOFT = TestClients.MICROSOFT;
    public static final String DOVECOT = TestClients.DOVECOT;

    /** How to start a private server. */
    public record Options(int port, Duration accessTokenTtl) {
        public static Options defaults() {
            return new Options(0, ServerControls.DEFAULT_ACCESS_TOKEN_TTL);
        }

        /** 0 is a free port. */
        public Options withPort(int port) {
            return new Options(port, accessTokenTtl);
        }

        public Options withAccessTokenTtl(Duration ttl) {
            return new Options(port, ttl);
        }
    }

    /** Undoes a control when closed ({@code try (var _ = server.accessTokenTtl(...)) { … }}). */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private static @Nullable LocalAuthorizationServer shared;

    private final int port;
    private final @Nullable ConfigurableApplicationContext context;
    private final boolean isShared;
    private final HttpCalls http;

    private LocalAuthorizationServer(int port, @Nullable ConfigurableApplicationContext context, boolean isShared) {
        this.port = port;
        this.context = context;
        this.isShared = isShared;
        this.http = new HttpCalls(port);
    }

    /** A private server on a free port; close it. */
    public static LocalAuthorizationServer start() {
        return start(Options.defaults());
    }

    public static LocalAuthorizationServer start(Options options) {
        if (options.port() != 0) return new LocalAuthorizationServer(options.port(), boot(options), false);
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Options onPort = options.withPort(freePort());
            try {
                return new LocalAuthorizationServer(onPort.port(), boot(onPort), false);
            } catch (RuntimeException e) {
                if (!portInUse(e)) throw e;
                last = e;
            }
        }
        throw new IllegalStateException("no free port for the authorization server", last);
    }

    /**
     * The server on 127.0.0.1:9000, which the shared Dovecot asks to introspect tokens: started once per JVM, or, when
     * another test JVM already runs it, that one. Its {@link #close} does nothing (others use it); it stops with the
     * JVM. Tests that turn its controls undo them ({@link Restore}) and use their own users. When the JVM this one
     * attached to has exited since (its port is free again), the next call boots or attaches anew: on a machine shared by
     * several test runs the first JVM's server does not outlive it.
     */
    public static synchronized LocalAuthorizationServer shared() {
        if (shared == null || (shared.context == null && portFree(SHARED_PORT))) shared = startOrAttach(SHARED_PORT, true);
        return shared;
    }

    /** Boots a server on {@code port}, or, when this fixture already listens there (another JVM), attaches to it. */
    static LocalAuthorizationServer startOrAttach(int port, boolean isShared) {
        if (!portFree(port)) return attach(port, isShared, null);
        try {
            ConfigurableApplicationContext context = boot(Options.defaults().withPort(port));
            if (isShared) Runtime.getRuntime().addShutdownHook(new Thread(context::close, "local-authorization-server-stop"));
            return new LocalAuthorizationServer(port, context, isShared);
        } catch (RuntimeException e) {
            if (!portInUse(e)) throw e;
            return attach(port, isShared, e);
        }
    }

    private static LocalAuthorizationServer attach(int port, boolean isShared, @Nullable RuntimeException bindFailure) {
        LocalAuthorizationServer other = new LocalAuthorizationServer(port, null, isShared);
        if (!other.isThisFixture()) {
            throw new IllegalStateException("port " + port + " is held by something other than a "
                    + "LocalAuthorizationServer", bindFailure);
        }
        return other;
    }

    private static boolean portFree(int port) {
        try (ServerSocket _ = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** False when this handle attached to a server another JVM runs. */
    boolean ownsServer() {
        return context != null;
    }

    private static ConfigurableApplicationContext boot(Options options) {
        AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
        ServerControls controls = new ServerControls();
        controls.accessTokenTtl(options.accessTokenTtl());
        context.registerBean(AuthorizationServerSetup.Binding.class,
                () -> new AuthorizationServerSetup.Binding(InetAddress.getLoopbackAddress(), options.port()));
        context.registerBean(ServerControls.class, () -> controls);
        context.registerBean(RevocableAuthorizations.class, RevocableAuthorizations::new);
        context.register(AuthorizationServerSetup.class);
        try {
            context.refresh();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return context;
    }

    private boolean isThisFixture() {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(endpoint("/testing/identity"))
                .timeout(Duration.ofSeconds(3)).build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3)).build()) {
            java.net.http.HttpResponse<String> reply = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 && TestControlFilter.IDENTITY.equals(reply.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- endpoints

    public URI issuer() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI authorizationUri() {
        return endpoint("/oauth2/authorize");
    }

    public URI tokenUri() {
        return endpoint("/oauth2/token");
    }

    public URI jwkSetUri() {
        return endpoint("/oauth2/jwks");
    }

    public URI revocationUri() {
        return endpoint("/oauth2/revoke");
    }

    public URI introspectionUri() {
        return endpoint("/oauth2/introspect");
    }

    public URI userInfoUri() {
        return endpoint("/userinfo");
    }

    public int port() {
        return port;
    }

    private URI endpoint(String path) {
        return URI.create(issuer() + path);
    }

    // ---- Vaultmail configuration

    /** {@link #providerProperties(String, URI, List)} without a send API and without sign-in domains. */
    public Map<String, String> providerProperties(String providerId) {
        return providerProperties(providerId, null, List.of());
    }

    /**
     * The {@code vaultmail.oauth.providers.<id>.*} properties that point provider {@code google} or {@code microsoft}
     * at this server (the client secret in a fresh owner-only temp file; Microsoft gets no revocation endpoint, as
     * the real one has none). A mutable map: add or override keys freely.
     *
     * @param sendApiBase a {@link GmailApiStub}'s or {@link GraphApiStub}'s {@code baseUri()}, or null
     * @param domains     mail domains whose users sign in with this provider
     */
    public Map<String, String> providerProperties(String providerId, @Nullable URI sendApiBase, List<String> domains) {
        if (!GOOGLE.equals(providerId) && !MICROSOFT.equals(providerId)) {
            throw new IllegalArgumentException("this server stands in for provider google or microsoft");
        }
        String prefix = "vaultmail.oauth.providers." + providerId + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(prefix + "kind", providerId.toUpperCase(Locale.ROOT));
        properties.put(prefix + "client-id", providerId);
        properties.put(prefix + "client-secret-file", secretFile(providerId).toString());
        properties.put(prefix + "authorization-uri", authorizationUri().toString());
        properties.put(prefix + "token-uri", tokenUri().toString());
        properties.put(prefix + "jwk-set-uri", jwkSetUri().toString());
        properties.put(prefix + "issuer", issuer().toString());
        if (GOOGLE.equals(providerId)) properties.put(prefix + "revocation-uri", revocationUri().toString());
        if (sendApiBase != null) properties.put(prefix + "send-api-base", sendApiBase.toString());
        if (!domains.isEmpty()) properties.put(prefix + "domains", String.join(",", domains));
        properties.put(prefix + "purposes", "send,mail,migration-source");
        return properties;
    }

    /** The client secret of {@code clientId} ({@code <clientId>-secret}). */
    public static String clientSecret(String clientId) {
        return TestClients.secret(clientId);
    }

    /** The authorization server password of a test user ({@code <local-part>-sso}, never the IMAP password). */
    public static String password(String username) {
        return TestUsers.password(username);
    }

    private static Path secretFile(String clientId) {
        try {
            Path file = Files.createTempFile("vaultmail-oauth-" + clientId + "-", ".secret",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, clientSecret(clientId));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- test controls (over HTTP: the same for another JVM's shared server)

    /** Access tokens issued from now on live {@code ttl}; closing the result restores the previous TTL. */
    public Restore accessTokenTtl(Duration ttl) {
        long previous = Long.parseLong(control("access-token-ttl", "millis", String.valueOf(ttl.toMillis())));
        return () -> control("access-token-ttl", "millis", String.valueOf(previous));
    }

    /** Token requests of {@code clientId} so far (failed and injected-failure ones included), all grant types. */
    public int tokenRequests(String clientId) {
        return Integer.parseInt(ok(http.get("/testing/token-requests?client_id=" + encode(clientId))));
    }

    /** Token requests of {@code clientId} with {@code grantType} ({@code authorization_code}, {@code refresh_token}). */
    public int tokenRequests(String clientId, String grantType) {
        return Integer.parseInt(ok(http.get("/testing/token-requests?client_id=" + encode(clientId)
                + "&grant_type=" + encode(grantType))));
    }

    /**
     * The user withdraws consent for every client: all of the user's tokens stop being active and the next refresh
     * gets {@code invalid_grant}. Returns how many authorizations were removed.
     */
    public int revokeAuthorizations(String username) {
        return Integer.parseInt(control("revoke", "username", username));
    }

    /** The user's next authorization grants only these of the requested scopes (a box unticked at Google). */
    public void grantOnly(String username, Set<String> scopes) {
        control("grant-only", "username", username, "scopes", String.join(" ", scopes));
    }

    /**
     * The user's next authorization is denied, as when a Google user clicks "Cancel" on the consent screen: the
     * server redirects to the client with {@code error=access_denied} and the request's {@code state}.
     */
    public void denyNext(String username) {
        control("deny", "username", username);
    }

    /**
     * The user's next ID token claims an {@code auth_time} of an hour ago ({@code "stale"}: a provider that ignored
     * {@code prompt=login} and {@code max_age}) or none at all ({@code "missing"}); {@code "real"} undoes it.
     */
    public void nextAuthTime(String username, String mode) {
        control("auth-time", "username", username, "mode", mode);
    }

    /**
     * The user's next ID token does not vouch for its {@code email} ({@code "missing"}: no {@code email_verified}, and
     * for the Microsoft client no {@code xms_edov}); {@code "real"} undoes it.
     */
    public void nextEmailVerified(String username, String mode) {
        control("email-verified", "username", username, "mode", mode);
    }

    /**
     * The user's next ID token names another account at the provider ({@code sub} = {@code subject}) with the same
     * {@code email}: what a provider whose addresses can be edited or reassigned hands out ("nOAuth").
     */
    public void nextSubject(String username, String subject) {
        control("subject", "username", username, "subject", subject);
    }

    /** Whether this server has {@link #nextEmailVerified} and {@link #nextSubject} (false: an older shared fixture). */
    public boolean offersSubjectControls() {
        return http.get("/testing/email-verified?username=probe%40example.test&mode=real").status() == 200;
    }

    /**
     * Whether this server has the re-authentication controls ({@link #nextAuthTime}, {@link #lastIssued}) and honours
     * {@code prompt=login}/{@code max_age}: false when the shared one on port 9000 is an older fixture that another
     * test JVM started.
     */
    public boolean offersReauthenticationControls() {
        return http.get("/testing/last-issued?username=probe%40example.test").status() == 200;
    }

    /**
     * The latest tokens this server issued for {@code username}, by type ({@code access_token}, {@code refresh_token},
     * {@code id_token}): what a canary test looks for in logs, responses and dumps.
     */
    public Map<String, String> lastIssued(String username) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String line : ok(http.get("/testing/last-issued?username=" + encode(username))).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) tokens.put(line.substring(0, space), line.substring(space + 1));
        }
        return tokens;
    }

    /** The next {@code times} token requests (any client) fail with {@code status} (429 and 503 carry Retry-After: 1). */
    public void failTokenEndpoint(int times, int status) {
        control("fail-token-endpoint", "times", String.valueOf(times), "status", String.valueOf(status));
    }

    private String control(String action, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) form.put(fields[i], fields[i + 1]);
        return ok(http.form("/testing/" + action, form));
    }

    private static String ok(Reply reply) {
        if (reply.status() != 200) throw new IllegalStateException("test control refused: " + reply.status());
        return reply.body();
    }

    // ---- tokens without a browser

    /**
     * Real tokens for {@code username} without a browser: the whole authorization code flow over HTTP (login form
     * with CSRF, authorization with PKCE S256, state and nonce, code exchange with the client secret). Google clients
     * ask with {@code access_type=offline}, as Vaultmail must, to get a refresh token.
     */
    public IssuedTokens issueTokens(String clientId, String username, Set<String> scopes) {
        return new CodeFlow(this, clientId, scopes).run(username, password(username));
    }

    /** A refresh at the token endpoint, as the client {@code clientId}; the raw answer, for error checks. */
    public Reply refresh(String clientId, String refreshToken) {
        return tokenRequest(clientId, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** A token endpoint request with client_secret_post credentials added. */
    public Reply tokenRequest(String clientId, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret(clientId));
        return http.form("/oauth2/token", form);
    }

    /**
     * Introspects {@code token} as a resource server that accepts any of this server's tokens (the API stubs' client).
     * Dovecot sees less: {@link #introspectAsMailServer}.
     */
    public JsonNode introspect(String token) {
        return introspect(TestClients.API_STUBS, token);
    }

    /**
     * Introspects {@code token} the way Dovecot does (client {@code dovecot}, credentials in the POST body): active
     * only when the token holds a mail scope (mail.google.com, Outlook IMAP or SMTP).
     */
    public JsonNode introspectAsMailServer(String token) {
        return introspect(DOVECOT, token);
    }

    private JsonNode introspect(String clientId, String token) {
        Reply reply = http.form("/oauth2/introspect", Map.of("token", token, "client_id", clientId,
                "client_secret", clientSecret(clientId)));
        if (reply.status() != 200) throw new IllegalStateException("introspection answered " + reply.status());
        return reply.json();
    }

    /** RFC 7009 revocation of one token by its client. */
    public Reply revoke(String clientId, String token) {
        return http.form("/oauth2/revoke", Map.of("token", token, "client_id", clientId,
                "client_secret", clientSecret(clientId)));
    }

    /** {@link OAuthBrowserlessLogin#callbackFor(URI, String)}: signs in and returns the client's callback URL. */
    public URI login(URI authorizationUrl, String username) {
        return OAuthBrowserlessLogin.callbackFor(authorizationUrl, username);
    }

    static Set<String> scopes(@Nullable String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) return Set.of();
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpCalls http() {
        return http;
    }

    static Instant expiry(JsonNode tokenResponse) {
        return Instant.now().plusSeconds(tokenResponse.path("expires_in").asLong(0));
    }

    @Override
    public void close() {
        if (isShared || context == null) return;
        context.close();
    }

    @Override
    public String toString() {
        return "LocalAuthorizationServer[" + issuer() + (context == null ? ", another JVM's" : "") + "]";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean portInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().equals("PortInUseException")) return true;
        }
        return false;
    }
}

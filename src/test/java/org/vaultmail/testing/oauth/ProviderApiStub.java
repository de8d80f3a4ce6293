package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback stand-in for a provider's send API: checks the bearer token the way the provider's resource server does
 * (introspection at the {@link LocalAuthorizationServer}: active, issued to the provider's client, holding the
 * needed scope), decodes the MIME and records it. Tests can make the next calls fail ({@link #failNext}).
 */
public abstract sealed class ProviderApiStub implements AutoCloseable permits GmailApiStub, GraphApiStub {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request the stub refuses, with the provider's status, headers and body. */
    static final class Refusal extends Exception {
        final int status;
        final String body;
        final String @Nullable [] headers;

        Refusal(int status, String body, String... headers) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
            this.headers = headers;
        }
    }

    /** The token owner and scopes of an accepted bearer token. */
    record Bearer(String subject, Set<String> scopes) {
    }

    private record Failure(int status, @Nullable Duration retryAfter) {
    }

    private final LocalAuthorizationServer authorizationServer;
    private final String clientId;
    private final String requiredScope;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Deque<Failure> failures = new ArrayDeque<>();

    ProviderApiStub(LocalAuthorizationServer authorizationServer, String clientId, String requiredScope, String... paths) {
        this.authorizationServer = authorizationServer;
        this.clientId = clientId;
        this.requiredScope = requiredScope;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String path : paths) server.createContext(path, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the {@code send-api-base} to configure. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The messages accepted so far, in order. */
    public List<ReceivedMessage> received() {
        return List.copyOf(received);
    }

    /** Every request so far, refused ones included. */
    public int requests() {
        return requests.get();
    }

    /** The next request (after those already queued) fails with {@code status}; 429/503 with Retry-After seconds. */
    public void failNext(int status, @Nullable Duration retryAfter) {
        synchronized (failures) {
            failures.add(new Failure(status, retryAfter));
        }
    }

    /** Decodes and checks the request body; returns the MIME bytes. */
    abstract byte[] mime(URI uri, String contentType, byte[] body) throws Refusal;

    /** Writes the provider's success answer. */
    abstract void accepted(HttpExchange exchange, ReceivedMessage message) throws IOException;

    /** The provider's error body for {@code status}. */
    abstract String errorBody(int status, String message);

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                Failure failure = nextFailure();
                if (failure != null) throw injected(failure);
                if (!"POST".equals(exchange.getRequestMethod())) throw new Refusal(405, errorBody(405, "Method not allowed"));
                Bearer bearer = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
                String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                ReceivedMessage message = new ReceivedMessage(mime(exchange.getRequestURI(), contentType, body), bearer.subject(), bearer.scopes());
                received.add(message);
                accepted(exchange, message);
            } catch (Refusal refusal) {
                String[] headers = refusal.headers == null ? new String[0] : refusal.headers;
                for (int i = 0; i < headers.length; i += 2) exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                byte[] bytes = refusal.body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(refusal.status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private @Nullable Failure nextFailure() {
        synchronized (failures) {
            return failures.poll();
        }
    }

    private Refusal injected(Failure failure) {
        String message = failure.status() == 429 ? "Rate limit exceeded" : "The service is currently unavailable";
        if (failure.retryAfter() == null) return new Refusal(failure.status(), errorBody(failure.status(), message));
        return new Refusal(failure.status(), errorBody(failure.status(), message),
                "Retry-After", String.valueOf(failure.retryAfter().toSeconds()));
    }

    /** Checks the bearer token by introspection, as the provider's resource server would. */
    private Bearer bearer(@Nullable String authorization) throws Refusal {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalidToken("missing bearer token");
        }
        JsonNode introspection = introspect(authorization.substring(7).trim());
        if (!introspection.path("active").asBoolean(false) || !clientId.equals(introspection.path("client_id").asString(""))) {
            throw invalidToken("invalid or expired token");
        }
        Set<String> scopes = LocalAuthorizationServer.scopes(introspection.path("scope").asString(""));
        if (!scopes.contains(requiredScope)) {
            throw new Refusal(403, errorBody(403, "Request had insufficient authentication scopes."),
                    "WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"");
        }
        return new Bearer(introspection.path("sub").asString(), scopes);
    }

    private Refusal invalidToken(String why) {
        return new Refusal(401, errorBody(401, "Request had invalid authentication credentials (" + why + ")."),
                "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private JsonNode introspect(String token) throws Refusal {
        String form = "token=" + LocalAuthorizationServer.encode(token) + "&client_id=" + TestClients.API_STUBS
                + "&client_secret=" + LocalAuthorizationServer.encode(TestClients.secret(TestClients.API_STUBS));
        HttpRequest request = HttpRequest.newBuilder(authorizationServer.introspectionUri()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new Refusal(503, errorBody(503, "token check failed"));
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Refusal(503, errorBody(503, "token check failed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(503, errorBody(503, "interrupted"));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        http.close();
    }
}

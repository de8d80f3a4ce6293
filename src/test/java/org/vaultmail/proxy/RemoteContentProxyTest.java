package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proxy through the real app (GreenMail sign-in, H2, HTTP on a random port). Two loopback servers:
 * "upstream", the one destination the test policy lets through (standing in for a public host), and
 * "internal", which must never see a request, however it is asked for.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RemoteContentProxyTest.OneLoopbackPortAllowed.class)
class RemoteContentProxyTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final byte[] PNG = png();
    static final HttpServer UPSTREAM = server();
    static final HttpServer INTERNAL = server();
    static final List<Headers> UPSTREAM_REQUESTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger INTERNAL_HITS = new AtomicInteger();
    static final String PINNED_NAME = "pinned.invalid";
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    static {
        UPSTREAM.createContext("/", RemoteContentProxyTest::upstream);
        INTERNAL.createContext("/", exchange -> {
            INTERNAL_HITS.incrementAndGet();
            reply(exchange, 200, "image/png", PNG);
        });
        UPSTREAM.start();
        INTERNAL.start();
    }

    /**
     * The only way to let the proxy reach a loopback address: a {@code @Primary} policy bean in a test.
     * It lets exactly 127.0.0.1 on the upstream's port through and hands everything else to the real address
     * policy, with the port rule off so that loopback servers on random ports are refused for their address.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class OneLoopbackPortAllowed {
        @Bean
        @Primary
        DestinationPolicy oneLoopbackPortAllowed() {
            PublicDestinations real = new PublicDestinations(InetAddress::getAllByName, port -> true);
            return url -> {
                InetAddress literal = url.literal();
                if (literal != null && literal.isLoopbackAddress() && url.host().equals("127.0.0.1")
                        && url.port() == UPSTREAM.getAddress().getPort()) {
                    return List.of(literal);
                }
                if (url.host().equals(PINNED_NAME) && url.port() == UPSTREAM.getAddress().getPort()) {
                    // a name no real DNS knows: fetching it proves the client connects to what the policy vetted
                    return List.of(InetAddress.getLoopbackAddress());
                }
                return real.vet(url);
            };
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("vaultmail-proxy-test-").toString();
        registry.add("vaultmail.data-dir", () -> dataDir);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.proxy.total-timeout", () -> "2s");
        registry.add("vaultmail.proxy.max-size", () -> "1MB");
        registry.add("vaultmail.proxy.requests-per-minute", () -> "100000");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @AfterAll
    static void stopServers() {
        UPSTREAM.stop(0);
        INTERNAL.stop(0);
        MAIL.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void clearRecords() {
        UPSTREAM_REQUESTS.clear();
    }

    @Test
    void anImageIsProxiedWithoutTheBrowsersCookiesOrCredentialsAndWithoutUpstreamHeaders() {
        HttpResponse<byte[]> response = proxy(upstream("/image.png?x=1"), "Cookie", "__Host-vm-unseal=browser-secret; other=1",
                "Referer", "http://localhost/mail/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PNG);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("private", "max-age=3600"));
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("X-Upstream-Secret")).isEmpty();

        assertThat(UPSTREAM_REQUESTS).hasSize(1);
        Headers sent = UPSTREAM_REQUESTS.getFirst();
        assertThat(sent.containsKey("Cookie")).isFalse();
        assertThat(sent.containsKey("Referer")).isFalse();
        assertThat(sent.containsKey("Authorization")).isFalse();
        assertThat(sent.getFirst("User-Agent")).isEqualTo(RemoteFetcher.USER_AGENT);
        assertThat(sent.getFirst("Accept")).startsWith("image/");
    }

    @Test
    void theConnectionGoesToTheVettedAddressWhileTheHostHeaderKeepsTheName() {
        int upstreamPort = UPSTREAM.getAddress().getPort();

        HttpResponse<byte[]> response = proxy("http://" + PINNED_NAME + ":" + upstreamPort + "/image.png");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM_REQUESTS.getFirst().getFirst("Host")).isEqualTo(PINNED_NAME + ":" + upstreamPort);
    }

    @Test
    void upstreamCookiesAreNeitherReturnedNorSentBack() {
        proxy(upstream("/image.png"));
        proxy(upstream("/image.png"));

        assertThat(UPSTREAM_REQUESTS).hasSize(2).allSatisfy(h -> assertThat(h.containsKey("Cookie")).isFalse());
    }

    @Test
    void aRedirectBetweenAllowedUrlsIsFollowed() {
        HttpResponse<byte[]> response = proxy(upstream("/redirect-to-image"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PNG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/redirect-to-internal", "/redirect-to-localhost", "/redirect-to-ipv6-loopback",
            "/redirect-to-metadata"})
    void aRedirectFromAnAllowedServerToAnInternalAddressIsRefused(String path) {
        int before = INTERNAL_HITS.get();

        HttpResponse<byte[]> response = proxy(upstream(path));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(problem(response).get("title").asString()).isEqualTo("Remote address not allowed");
        assertThat(INTERNAL_HITS.get()).isEqualTo(before);
    }

    @Test
    void endlessRedirectsStopAfterThree() {
        HttpResponse<byte[]> response = proxy(upstream("/redirect-loop"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(problem(response).get("detail").asString()).contains("redirected more than 3 times");
        assertThat(UPSTREAM_REQUESTS).hasSize(4);
    }

    @Test
    void internalDestinationsAreRefusedBeforeAnyConnection() {
        int internal = INTERNAL.getAddress().getPort();
        int before = INTERNAL_HITS.get();
        for (String url : new String[] {"http://127.0.0.1:" + internal + "/x.png", "http://10.0.0.1/", "http://169.254.169.254/",
                "http://[::1]:" + internal + "/x.png", "http://localhost:" + internal + "/x.png", "http://localhost/x.png",
                "http://[::ffff:127.0.0.1]:" + internal + "/", "http://127.0.0.1/x.png"}) {
            HttpResponse<byte[]> response = proxy(url);

            assertThat(response.statusCode()).as(url).isEqualTo(403);
            JsonNode problem = problem(response);
            assertThat(problem.get("title").asString()).isEqualTo("Remote address not allowed");
        }
        for (String url : new String[] {"http://0177.0.0.1:" + internal + "/", "http://2130706433:" + internal + "/",
                "http://user:pw@127.0.0.1:" + internal + "/", "file:///etc/passwd", "http://0x7f.1:" + internal + "/"}) {
            assertThat(proxy(url).statusCode()).as(url).isEqualTo(400);
        }
        assertThat(INTERNAL_HITS.get()).isEqualTo(before);
    }

    @Test
    void theAllowedServerIsOnlyAllowedOnItsOwnHostSpelling() {
        // the test policy admits 127.0.0.1:<upstream>; the same server by name is still a loopback name
        assertThat(proxy("http://localhost:" + UPSTREAM.getAddress().getPort() + "/image.png").statusCode()).isEqualTo(403);
        assertThat(UPSTREAM_REQUESTS).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/html-labelled-png", "/svg-labelled-png", "/svg", "/png-labelled-html", "/unlabelled-png"})
    void onlyRasterImagesLabelledAndShapedAsSuchAreServed(String path) {
        HttpResponse<byte[]> response = proxy(upstream(path));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(problem(response).get("detail").asString()).contains("not an image type");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("<script", "<svg");
    }

    @Test
    void anOversizedBodyIsRefusedWhetherAnnouncedOrNot() {
        for (String path : new String[] {"/big-with-length", "/big-chunked"}) {
            HttpResponse<byte[]> response = proxy(upstream(path));

            assertThat(response.statusCode()).as(path).isEqualTo(502);
            assertThat(problem(response).get("detail").asString()).contains("larger than");
        }
    }

    @Test
    void aSlowUpstreamTimesOutAtTheTotalLimit() {
        accessToken();  // sign in first: only the proxy call is timed
        long start = System.nanoTime();
        HttpResponse<byte[]> response = proxy(upstream("/slow-drip"));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(problem(response).get("detail").asString()).contains("took longer than 2 s");
        assertThat(tookMs).isBetween(1_500L, 4_500L);
    }

    @Test
    void upstreamErrorsAreABadGatewayThatNamesOnlyTheStatus() {
        HttpResponse<byte[]> response = proxy(upstream("/missing"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(problem(response).get("detail").asString()).isEqualTo("The remote server answered 404.");
    }

    @Test
    void withoutASessionNothingIsFetched() throws Exception {
        HttpResponse<byte[]> response = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + RemoteContentUrls.proxied(upstream("/image.png")))).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(UPSTREAM_REQUESTS).isEmpty();
    }

    @Test
    void proxiedUrlsEncodeTheTargetAsOneQueryParameter() {
        assertThat(RemoteContentUrls.proxied("https://example.com/a b.png?x=1&y=2#f"))
                .isEqualTo("/remote?url=https%3A%2F%2Fexample.com%2Fa+b.png%3Fx%3D1%26y%3D2%23f");
    }

    // --- helpers ---

    private HttpResponse<byte[]> proxy(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + RemoteContentUrls.proxied(url)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken());
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String accessToken() {
        return TOKENS.computeIfAbsent("token", k -> {
            String address = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
            MAIL.createUser(address, "pw");
            HttpCalls.Reply reply = new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw"));
            assertThat(reply.status()).isEqualTo(201);
            return reply.json().get("accessToken").asString();
        });
    }

    private static JsonNode problem(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        return JsonMapper.builder().build().readTree(response.body());
    }

    private static String upstream(String path) {
        return "http://127.0.0.1:" + UPSTREAM.getAddress().getPort() + path;
    }

    private static void upstream(HttpExchange exchange) throws IOException {
        UPSTREAM_REQUESTS.add(exchange.getRequestHeaders());
        exchange.getResponseHeaders().add("Set-Cookie", "tracker=" + UUID.randomUUID() + "; Path=/");
        exchange.getResponseHeaders().add("X-Upstream-Secret", "internal-detail");
        int internal = INTERNAL.getAddress().getPort();
        byte[] big = new byte[2 * 1024 * 1024];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        switch (exchange.getRequestURI().getPath()) {
            case "/image.png" -> reply(exchange, 200, "image/png", PNG);
            case "/redirect-to-image" -> redirect(exchange, "/image.png");
            case "/redirect-to-internal" -> redirect(exchange, "http://127.0.0.1:" + internal + "/secret.png");
            case "/redirect-to-localhost" -> redirect(exchange, "http://localhost:" + internal + "/secret.png");
            case "/redirect-to-ipv6-loopback" -> redirect(exchange, "http://[::1]:" + internal + "/secret.png");
            case "/redirect-to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
            case "/redirect-loop" -> redirect(exchange, "/redirect-loop");
            case "/html-labelled-png" -> reply(exchange, 200, "image/png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
            case "/svg-labelled-png" -> reply(exchange, 200, "image/png",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
            case "/svg" -> reply(exchange, 200, "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8));
            case "/png-labelled-html" -> reply(exchange, 200, "text/html", PNG);
            case "/unlabelled-png" -> reply(exchange, 200, null, PNG);
            case "/big-with-length" -> reply(exchange, 200, "image/png", big);
            case "/big-chunked" -> {
                // no Content-Length at all: the proxy must count what arrives
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(big);
                } catch (IOException expected) {
                    // the proxy hung up
                }
            }
            case "/slow-drip" -> {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(PNG, 0, 8);
                    for (int i = 0; i < 40; i++) {
                        out.write(0);
                        out.flush();
                        Thread.sleep(200); // a drip: one byte every 200 ms, slower than the proxy allows
                    }
                } catch (IOException | InterruptedException expected) {
                    // the proxy hung up
                }
            }
            default -> reply(exchange, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void reply(HttpExchange exchange, int status, @org.jspecify.annotations.Nullable String type, byte[] body) throws IOException {
        if (type != null) exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException expected) {
            // the proxy may hang up early (oversized body)
        }
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real 1×1 PNG. */
    private static byte[] png() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}

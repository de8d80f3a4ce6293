package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Every path with a security rule, sent as the canonical path and as variants that a careless comparison might
 * treat as another path while Spring MVC routes them to the same handler (percent-encoded letters, encoded dots
 * and slashes, {@code ;} parameters, doubled and trailing slashes, dot segments, letter case): each variant gets
 * the canonical path's decision (status, redirect, cookies, frame option, problem) or a 400 (ADR 0024).
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class PathVariantsTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-paths-test-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        AuthAppTestSupport.appProperties(registry);
        // the rate-limit case uses its own X-Forwarded-For client, so it cannot disturb the other tests
        registry.add("vaultmail.web.trusted-proxies", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    AuthPolicies policies;

    private HttpCalls http;
    private String address;
    private String browserCookies;
    private String bearer;

    @BeforeEach
    void signedInUserWithOneMessage() {
        http = new HttpCalls(port);
        address = AuthAppTestSupport.newUser("pw");
        AuthAppTestSupport.MAIL.seed(address, "INBOX", 1);
        FormClient browser = new FormClient(http);
        assertThat(browser.signIn(address, "pw").status()).isEqualTo(302);
        browserCookies = browser.cookies();
        Reply api = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw"));
        assertThat(api.status()).isEqualTo(201);
        bearer = "Bearer " + api.json().get("accessToken").asString();
    }

    @AfterEach
    void policyBackToConfiguration() {
        policies.save(policies.view().version(), Map.of(PolicyField.REQUESTS_PER_MINUTE, "", PolicyField.REQUIRE_MFA, ""),
                "paths-test", null, null);
    }

    // --- the two cases reproduced against a running server (issue 12) ---

    @Test
    void signInWithoutCsrfTokenThroughAPercentEncodedLetterSetsNoSessionCookies() {
        Reply reply = http.form("/%73ignin", Map.of("address", address, "password", "pw"));

        assertThat(reply.status()).as("login CSRF through /%73ignin").isIn(400, 403);
        assertThat(reply.cookie(AuthCookies.ACCESS)).isNull();
        assertThat(reply.cookie(AuthCookies.REFRESH)).isNull();
        assertThat(reply.cookie(AuthCookies.UNSEAL)).isNull();
        assertThat(reply.cookie(AuthCookies.PENDING)).isNull();
    }

    @Test
    void signInRequestsToAPercentEncodedSessionsPathNeverGetPastTheRateLimit() {
        setPolicy(PolicyField.REQUESTS_PER_MINUTE, "3");
        String body = HttpCalls.json("address", "x@unknown-domain.test", "password", "pw");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(http.send("POST", "/api/v1/%73essions", body, "X-Forwarded-For", "203.0.113.77").status());
        }

        // the first three may be refused as non-canonical (400) or reach sign-in; none after them reaches it
        assertThat(statuses.subList(3, 40)).as("statuses " + statuses).allMatch(s -> s == 400 || s == 429);
        assertThat(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", "203.0.113.78").status()).isEqualTo(401);
    }

    // --- the table ---

    @Test
    void everyVariantOfEveryRuledPathGetsTheCanonicalDecisionOrA400() {
        List<String> wrong = new ArrayList<>();
        for (Probe probe : probes()) wrong.addAll(check(probe));
        assertThat(wrong).as("variants decided differently from their canonical path").isEmpty();
    }

    @Test
    void theMfaEnrolmentGateDecidesEveryVariantAsItsCanonicalPath() {
        setPolicy(PolicyField.REQUIRE_MFA, "on");
        List<Probe> gate = List.of(
                new Probe("GET", "/settings/security", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("GET", "/settings/sessions", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("GET", "/mail/INBOX", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("POST", "/api/v1/sessions/refresh", " (bearer)",
                        p -> http.send("POST", p, HttpCalls.json("refreshToken", "a.b"), "Authorization", bearer)),
                new Probe("GET", "/api/v1/folders", " (bearer)", p -> http.get(p, "Authorization", bearer)));
        assertThat(decide(gate.get(1), gate.get(1).path).location()).as("the gate is on").isEqualTo("/settings/security");

        List<String> wrong = new ArrayList<>();
        for (Probe probe : gate) wrong.addAll(check(probe));
        assertThat(wrong).as("variants decided differently from their canonical path").isEmpty();
    }

    @Test
    void pathsThatNoClientSendsAreRefusedWithA400() {
        for (String path : List.of("/signin\\", "/mail\\..\\signin", "/signin%zz", "/signin%", "/signin%4", "/api/v1/sessions%G0",
                "/sign\u00e9in", "/api/v1/sessions/refresh%")) {
            assertThat(rawStatus("POST", path)).as(path).isEqualTo(400);
        }
    }

    @Test
    void aRefusedApiPathGetsAShortProblemAndAPagePathAPlainErrorWithoutAStackTrace() {
        Reply api = http.send("POST", "/api/v1/%73essions", HttpCalls.json("address", address, "password", "pw"));
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.json().get("status").asInt()).isEqualTo(400);
        assertThat(api.json().get("detail").asString()).contains("percent-encoded");

        Reply page = http.get("/mail//INBOX", "Cookie", browserCookies);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("empty path segment").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(page.cookie(AuthCookies.ACCESS)).isNull();
    }

    @Test
    void folderNamesWithEncodedCharactersAndCapitalsStillOpen() {
        String folder = "\u00dcber~Alles & Co (2024)";
        AuthAppTestSupport.MAIL.seed(address, folder, 1);
        String segment = org.vaultmail.reading.MessageLinks.segment(folder);
        assertThat(segment).isEqualTo("%C3%9Cber~Alles%20%26%20Co%20%282024%29");

        assertThat(http.get("/mail/" + segment, "Cookie", browserCookies).status()).isEqualTo(200);
        assertThat(http.get("/mail/" + segment + "/1/frame", "Cookie", browserCookies).header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(http.get("/api/v1/folders/" + segment + "/messages", "Authorization", bearer).status()).isEqualTo(200);
        // encoded slashes and percent signs in folder names: CanonicalPathsTest, ReadingApiTest, WebmailPagesTest
    }

    // --- helpers ---

    private List<Probe> probes() {
        String signInForm = "address=" + address.replace("@", "%40") + "&password=pw";
        String apiSignIn = HttpCalls.json("address", address, "password", "pw");
        return List.of(
                new Probe("GET", "/signin", "", p -> http.get(p)),
                new Probe("POST", "/signin", " (valid password, no CSRF token)", p -> post(p, signInForm, null)),
                new Probe("POST", "/signin/code", " (no CSRF token)", p -> post(p, "code=123456", null)),
                new Probe("POST", "/api/v1/sessions", " (valid password)", p -> http.send("POST", p, apiSignIn)),
                new Probe("POST", "/api/v1/sessions/refresh", " (unknown token)",
                        p -> http.send("POST", p, HttpCalls.json("refreshToken", "a.b"))),
                new Probe("GET", "/api/v1/sessions", " (bearer)", p -> http.get(p, "Authorization", bearer)),
                new Probe("GET", "/api/v1/folders", " (anonymous)", p -> http.get(p)),
                new Probe("POST", "/api/v1/folders/INBOX/empty", " (cookies, no CSRF token)",
                        p -> http.send("POST", p, "{}", "Cookie", browserCookies)),
                new Probe("GET", "/admin", " (anonymous)", p -> http.get(p)),
                new Probe("GET", "/admin/users", " (anonymous)", p -> http.get(p)),
                new Probe("POST", "/admin/signin", " (no CSRF token)", p -> post(p, "name=x&password=y&code=123456", null)),
                new Probe("GET", "/mail", " (anonymous)", p -> http.get(p)),
                new Probe("GET", "/mail/INBOX", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("GET", "/mail/INBOX/1/frame", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("GET", "/settings/security", " (anonymous)", p -> http.get(p)),
                new Probe("GET", "/settings/security", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("POST", "/settings/security/enrol", " (cookies, no CSRF token)", p -> post(p, "", browserCookies)),
                new Probe("GET", "/remote", "?url=https%3A%2F%2Fexample.com%2Fa.png (anonymous)",
                        p -> http.get(p + "?url=https%3A%2F%2Fexample.com%2Fa.png")),
                new Probe("GET", "/api/v1/migrations", " (bearer)", p -> http.get(p, "Authorization", bearer)),
                new Probe("POST", "/api/v1/migrations", " (cookies, no CSRF token)",
                        p -> http.send("POST", p, "{}", "Cookie", browserCookies)),
                new Probe("GET", "/settings/import", " (cookies)", p -> http.get(p, "Cookie", browserCookies)),
                new Probe("POST", "/settings/import", " (cookies, no CSRF token)", p -> post(p, "server=x", browserCookies)),
                new Probe("GET", "/actuator/health", "", p -> http.get(p)),
                new Probe("GET", "/actuator/prometheus", " (no scrape token)", p -> http.get(p)));
    }

    private List<String> check(Probe probe) {
        Decision canonical = decide(probe, probe.path);
        List<String> wrong = new ArrayList<>();
        variants(probe.path).forEach((what, variant) -> {
            Decision d = decide(probe, variant);
            if (d.status() != 400 && !d.equals(canonical)) {
                wrong.add(probe.method + " " + variant + probe.note + " [" + what + "]: " + d + ", canonical " + canonical);
            }
        });
        return wrong;
    }

    private static Decision decide(Probe probe, String path) {
        Reply r = probe.send.apply(path);
        String location = r.header("Location");
        List<String> cookies = r.headers("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf('=')) + (c.indexOf('=') + 1 == c.indexOf(';') ? "(cleared)" : "")).sorted().toList();
        String type = r.header("Content-Type");
        String problem = type != null && type.startsWith("application/problem+json")
                ? r.json().path("title").asString() + (r.json().has("mfaEnrolmentRequired") ? " +mfa" : "") : null;
        return new Decision(r.status(), location == null || r.status() / 100 != 3 ? null : URI.create(location).getRawPath(),
                cookies, r.header("X-Frame-Options"), problem);
    }

    /** The variants of a canonical path, by what was changed. */
    static Map<String, String> variants(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            String[] copy = segments.clone();
            copy[i] = String.format(Locale.ROOT, "%%%02X", (int) copy[i].charAt(0)) + copy[i].substring(1);
            out.put("letter of segment " + (i + 1) + " percent-encoded", "/" + String.join("/", copy));
            copy = segments.clone();
            copy[i] = copy[i].toUpperCase(Locale.ROOT);
            out.put("segment " + (i + 1) + " in capitals", "/" + String.join("/", copy));
            copy = segments.clone();
            copy[i] = copy[i].substring(0, 1).toUpperCase(Locale.ROOT) + copy[i].substring(1);
            out.put("segment " + (i + 1) + " capitalised", "/" + String.join("/", copy));
        }
        int e = path.indexOf('e');
        if (e > 0) out.put("lower-case hex escape", path.substring(0, e) + "%65" + path.substring(e + 1));
        int n = path.indexOf('n');
        if (n > 0) out.put("lower-case hex digits", path.substring(0, n) + "%6e" + path.substring(n + 1));
        out.put("whole path in capitals", path.toUpperCase(Locale.ROOT));
        out.put("path parameter", path + ";a=b");
        out.put("session id parameter", path + ";jsessionid=0");
        out.put("path parameter on the first segment", "/" + segments[0] + ";x" + path.substring(segments[0].length() + 1));
        out.put("encoded path parameter", path + "%3Ba=b");
        out.put("leading double slash", "/" + path);
        out.put("trailing slash", path + "/");
        out.put("trailing double slash", path + "//");
        out.put("dot segment", "/." + path);
        out.put("dot segment at the end", path + "/.");
        out.put("dot-dot segment", "/x/.." + path);
        out.put("dot-dot back into the path", path + "/../" + segments[segments.length - 1]);
        out.put("encoded dot segment", "/%2e" + path);
        out.put("encoded dot-dot segment", "/x/%2E%2E" + path);
        out.put("half-encoded dot-dot segment", "/x/.%2e" + path);
        out.put("overlong UTF-8 dot-dot", "/x/%C0%AE%C0%AE" + path);
        out.put("encoded backslash", "/x%5C.." + path);
        out.put("encoded NUL", path + "%00");
        out.put("encoded line feed", path + "%0A");
        out.put("encoded leading slash", "/%2F" + path.substring(1));
        if (segments.length > 1) {
            int second = path.indexOf('/', 1);
            out.put("inner double slash", path.substring(0, second) + "/" + path.substring(second));
            out.put("encoded inner slash", path.substring(0, second) + "%2F" + path.substring(second + 1));
            out.put("lower-case encoded inner slash", path.substring(0, second) + "%2f" + path.substring(second + 1));
            out.put("encoded backslash for the inner slash", path.substring(0, second) + "%5C" + path.substring(second + 1));
        }
        return out;
    }

    private Reply post(String path, String form, @Nullable String cookies) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return cookies == null ? http.form(path, fields) : http.form(path, fields, "Cookie", cookies);
    }

    private void setPolicy(PolicyField field, String value) {
        AuthPolicies.Result result = policies.save(policies.view().version(), Map.of(field, value), "paths-test", null, null);
        assertThat(result.outcome()).as(result.errors().toString()).isEqualTo(AuthPolicies.Outcome.SAVED);
    }

    /** The status of a request sent byte for byte (the JDK client refuses to send these paths). */
    private int rawStatus(String method, String path) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Probe(String method, String path, String note, Function<String, Reply> send) {
    }

    private record Decision(int status, @Nullable String location, List<String> cookies, @Nullable String frameOptions,
                            @Nullable String problem) {
    }
}

package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.demo.DemoMailSeeder;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * What scanners send: malformed values for every parameter of every page and API endpoint (a table generated from the
 * request mappings, {@link MalformedRequests}), signed in as a user, and for {@code /admin} as an operator. Every
 * answer is below 500, an error is problem+json on the API and an HTML page elsewhere, and no request leaves a
 * stack trace in the log. Plus the single findings of issue 12 item 12: a forged CSRF token, a signed-in 404 on a page.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    static final GreenMailFixture MAIL = GreenMailFixture.startWithDemoMail();
    static final String ALICE = DemoMailSeeder.ALICE;
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("secret: +([A-Z2-7]+)");
    /** A stack trace in any log format: text frames, or ECS/Logstash/GELF's stack trace field. */
    private static final Pattern STACK_TRACE = Pattern.compile("(\\n\\s+at [\\w.$]+\\(|\\\\tat [\\w.$]+\\(|\\\\n\\s*at [\\w.$]+\\(|stack_trace)");

    private static final Pattern LOG_RECORD_START = Pattern.compile("(?m)^(?=\\d{4}-\\d{2}-\\d{2}T)");

    /**
     * The log without GreenMail's own records: the in-JVM test mail server logs its refusals (a folder created twice)
     * with a stack trace of its own; only Vaultmail's log is under test.
     */
    private static String withoutMailServerRecords(String log) {
        StringBuilder kept = new StringBuilder(log.length());
        for (String record : LOG_RECORD_START.split(log)) {
            if (!record.contains(" c.i.g.") && !record.contains("com.icegreen.greenmail")) kept.append(record);
        }
        return kept.toString();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-badinput-test-");
        MAIL.registerDomain(registry, 0, "demo.test");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    CommandLineInterface cli;

    private RawHttp raw;
    private String bearer;
    private String userCookies;
    private String userCsrf;
    private String adminCookies;
    private String adminCsrf;

    @BeforeAll
    void signIn() throws Exception {
        raw = new RawHttp(port);
        MAIL.seed(ALICE, "Fuzz", 3);
        MAIL.seed(ALICE, "Scratch", 3);
        HttpCalls http = new HttpCalls(port);
        bearer = ApiTestApp.signIn(http, ALICE, DemoMailSeeder.ALICE_PASSWORD);

        Map<String, String> jar = new LinkedHashMap<>();
        Reply form = CookieJars.keep(jar, http.get("/signin"));
        Reply signedIn = CookieJars.keep(jar, http.form("/signin", Map.of("address", ALICE, "password", DemoMailSeeder.ALICE_PASSWORD,
                "_csrf", group(CSRF_FIELD, form.body())), "Cookie", CookieJars.header(jar)));
        assertThat(signedIn.status()).isEqualTo(302);
        // the page sets the CSRF cookie (sign-in cleared it) whose masked token its meta tag carries
        userCsrf = group(CSRF_META, CookieJars.keep(jar, http.get("/settings/folders", "Cookie", CookieJars.header(jar))).body());
        userCookies = CookieJars.header(jar);

        String secret = createOperator("fuzzer");
        Map<String, String> ops = new LinkedHashMap<>();
        Reply opForm = CookieJars.keep(ops, http.get("/admin/signin"));
        Totp totp = Totp.standard(Clock.systemUTC());
        Reply opIn = CookieJars.keep(ops, http.form("/admin/signin", Map.of("username", "fuzzer", "password", OPERATOR_PASSWORD,
                "code", totp.code(Base32.decode(secret), totp.currentStep()), "_csrf", group(CSRF_FIELD, opForm.body())),
                "Cookie", CookieJars.header(ops)));
        assertThat(opIn.status()).isEqualTo(302);
        adminCookies = CookieJars.header(ops);
        adminCsrf = group(CSRF_FIELD, CookieJars.keep(ops, http.get("/admin/keys", "Cookie", adminCookies)).body());
    }

    private static final String OPERATOR_PASSWORD = "fuzzer-operator-password-4711";

    @Test
    void everyParameterOfEveryEndpointAnswersMalformedInputWithoutA500OrAStackTrace(CapturedOutput output) {
        Map<String, String> baselines = new LinkedHashMap<>();
        baselines.put("folder", "Fuzz");
        for (String write : List.of("POST", "PUT", "PATCH", "DELETE")) baselines.put(write + " folder", "Scratch");
        baselines.put("path", "Scratch");
        baselines.put("from", "Scratch-none");
        baselines.put("uid", "1");
        baselines.put("id", "1");
        baselines.put("partId", "1");
        baselines.put("address", "nobody@demo.test");
        baselines.put("mode", "reply");
        baselines.put("protocol", "imap");
        baselines.put("domain", "demo.test");
        List<MalformedRequests.Case> cases = new MalformedRequests(baselines).cases(mappings.getHandlerMethods());
        assertThat(cases).hasSizeGreaterThan(500);

        // four at a time: the table is bound by mail server round trips, not by the CPU
        int logBefore = output.getAll().length();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (MalformedRequests.Case c : cases) {
                pool.submit(() -> {
                    String label = c.label().replaceAll("a{50,}", "a…");
                    try {
                        RawHttp.Response r = send(c);
                        String problem = judge(c, r);
                        if (problem != null) failures.add(label + " -> " + r.status() + " " + r.contentType() + ": " + problem);
                    } catch (RuntimeException e) {
                        failures.add(label + " -> " + e);
                    }
                });
            }
        }
        String log = withoutMailServerRecords(output.getAll().substring(logBefore));
        Matcher trace = STACK_TRACE.matcher(log);
        if (trace.find()) failures.add("stack trace in the log: " + log.substring(Math.max(0, trace.start() - 600), trace.start() + 200));
        assertThat(failures).as("%d of %d malformed requests", failures.size(), cases.size()).isEmpty();
        // the sessions the table ran with are still alive: the table did not sign itself out halfway
        assertThat(send("GET", "/api/v1/folders", Map.of("Authorization", "Bearer " + bearer)).status()).isEqualTo(200);
        assertThat(send("GET", "/admin/keys", Map.of("Cookie", adminCookies)).status()).as("the operator's session").isEqualTo(200);
    }

    @Test
    void aForgedCsrfTokenOfTheRightLengthIsRefusedWith403AndNoStackTrace(CapturedOutput output) {
        HttpCalls http = new HttpCalls(port);
        Reply form = http.get("/signin");
        String cookie = "__Host-vm-csrf=" + form.cookie("__Host-vm-csrf");
        byte[] forged = new byte[72]; // 36 random bytes, then 36 that XOR to bytes no UTF-8 decoder accepts
        java.util.Arrays.fill(forged, 36, 72, (byte) 0xFF);
        String token = Base64.getUrlEncoder().encodeToString(forged);
        assertThat(token).hasSize(96);
        int logBefore = output.getAll().length();

        for (int i = 0; i < 3; i++) {
            RawHttp.Response r = raw.send("POST", "/signin", Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"),
                    ("address=nobody%40demo.test&password=x&_csrf=" + token).getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).isEqualTo(403);
            RawHttp.Response api = raw.send("POST", "/api/v1/folders", Map.of("Cookie", userCookies, "X-XSRF-TOKEN", token,
                    "Content-Type", "application/json"), "{\"path\":\"x\"}".getBytes(StandardCharsets.US_ASCII));
            assertThat(api.status()).isEqualTo(403);
            assertThat(api.contentType()).startsWith("application/problem+json");
        }
        String log = output.getAll().substring(logBefore);
        assertThat(STACK_TRACE.matcher(log).find()).as(log).isFalse();
        assertThat(log.lines().count()).as("at most one short line per request: " + log).isLessThanOrEqualTo(6);
    }

    @Test
    void aSignedInNotFoundPageIsTheHtmlErrorPageAndAnApiNotFoundIsAProblem() {
        RawHttp.Response page = send("GET", "/no-such-page", Map.of("Cookie", userCookies, "Accept", "text/html,*/*;q=0.8"));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("id=\"error-title\"");

        RawHttp.Response bare = send("GET", "/settings/no-such-page", Map.of("Cookie", userCookies));
        assertThat(bare.status()).isEqualTo(404);
        assertThat(bare.contentType()).startsWith("text/html");

        RawHttp.Response api = send("GET", "/api/v1/no-such-thing", Map.of("Authorization", "Bearer " + bearer, "Accept", "text/html"));
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void composeStartFromTheFormAnswersAClearErrorPageForAnUnknownModeFolderOrAMissingUid() {
        for (String form : List.of("folder=Fuzz&uid=1&mode=sideways", "folder=NoSuchFolder&uid=1&mode=reply", "folder=Fuzz&mode=reply",
                "folder=Fuzz&uid=&mode=reply", "folder=Fuzz&uid=987654&mode=reply")) {
            RawHttp.Response r = raw.send("POST", "/compose/start", Map.of("Cookie", userCookies, "X-XSRF-TOKEN", userCsrf,
                    "Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).as(form).isBetween(400, 404);
            assertThat(r.contentType()).as(form).startsWith("text/html");
            assertThat(r.body()).as(form).contains("id=\"error-title\"").doesNotContain("Please try again in a moment");
        }
    }

    /** Null when the answer is right for the case, else what is wrong with it. */
    private static String judge(MalformedRequests.Case c, RawHttp.Response r) {
        if (r.status() >= 500 && r.status() != 502 && r.status() != 503) return "server error";
        // documented answers that are not errors of the request: a failed SMTP login test (its outcome as JSON)
        if (r.status() == 422 && c.target().startsWith("/api/v1/settings/smtp")) return null;
        // not pages: the image proxy and the QR image answer problems (an <img> shows no page)
        boolean resource = c.target().startsWith("/remote") || c.target().startsWith("/settings/security/qr.svg");
        if (r.status() < 0) return "no HTTP answer";
        if (c.mustRefuse() && r.status() < 400) return "accepted, must be refused";
        if (r.status() >= 400 && !r.body().isEmpty()) {
            if (c.api() && !r.contentType().startsWith("application/problem+json")) return "API error that is not problem+json";
            if (!c.api() && !resource && !r.contentType().startsWith("text/html")) return "page error that is not an HTML page";
        }
        if (r.status() >= 400 && r.body().isEmpty() && r.status() != 405 && r.status() != 415 && r.status() != 400) {
            return "error without an explanation";
        }
        // the console's sign-in steps redirect within their own flow (no code: on to the passkey step, ADR 0054; a passkey
        // step without its pending sign-in: back to the form); whether the table's operator stayed signed in is checked
        // once at the end
        boolean signInStep = c.target().equals("/admin/signin") || c.target().equals("/admin/signin/passkey");
        if (r.status() == 302 && r.headers().getOrDefault("location", "").contains("signin") && !signInStep) {
            return "signed out by the request";
        }
        return null;
    }

    private RawHttp.Response send(MalformedRequests.Case c) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.contentType() != null) headers.put("Content-Type", c.contentType());
        if (c.admin()) {
            headers.put("Cookie", adminCookies);
            headers.put("X-CSRF-TOKEN", adminCsrf);
        } else if (c.api()) {
            headers.put("Authorization", "Bearer " + bearer);
        } else {
            headers.put("Cookie", userCookies);
            headers.put("X-XSRF-TOKEN", userCsrf);
        }
        return raw.send(c.method(), c.target(), headers, c.body());
    }

    private RawHttp.Response send(String method, String target, Map<String, String> headers) {
        return raw.send(method, target, headers, new byte[0]);
    }

    private String createOperator(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        var stdin = System.in;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((OPERATOR_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("admin", List.of("create", name))).isZero();
        } finally {
            System.setOut(stdout);
            System.setIn(stdin);
        }
        return group(SECRET, out.toString(StandardCharsets.UTF_8));
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + text.substring(0, Math.min(text.length(), 300))).isTrue();
        return m.group(1);
    }
}

package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * What the refusal-language tests share: one application (the same configuration, so Spring's test context cache
 * starts it once for both subclasses), a GreenMail user of each class's own, signed in over the API, and raw requests
 * with an {@code Accept-Language} of the test's choosing; problem fields read from the answer as sent.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RefusalLanguagesTestBase {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Refusal-Canary-41c9d2e7";
    static final Pattern TITLE = Pattern.compile("\"title\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    static final Pattern DETAIL = Pattern.compile("\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-refusal-languages-test-");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @LocalServerPort
    int port;

    RawHttp raw;
    String bearer;

    @BeforeAll
    void signIn() {
        String address = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, PASSWORD);
        bearer = ApiTestApp.signIn(new HttpCalls(port), address, PASSWORD);
        raw = new RawHttp(port);
    }

    /** A signed-in API request in {@code language}; a body is sent with {@code contentType} when one is given. */
    RawHttp.Response api(String method, String target, String language, @Nullable String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("Accept-Language", language);
        if (contentType != null) headers.put("Content-Type", contentType);
        RawHttp.Response r = raw.send(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).as("no refusal shows the password").doesNotContain(PASSWORD);
        return r;
    }

    static String field(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}

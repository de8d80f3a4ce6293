package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.FakeMigrations;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * The operators' JSON API for migration jobs ({@code /admin/api/v1/migrations}) on the console's session: list, create
 * (201, both passwords never returned), one, pause, resume, cancel; every refusal problem+json with a clear detail,
 * including the console chain's own (no session: 401, no CSRF token: 403); the console page still answers a browser.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(FakeMigrations.class)
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MigrationsJsonTest extends ConsoleTestSupport {

    static final String SOURCE_CANARY = "Json-Source-Pass-Canary-5e1a";
    static final String DESTINATION_CANARY = "Json-Dest-Pass-Canary-9c04";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-migrations-json-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
    }

    @Autowired
    FakeMigrations.Jobs jobs;

    MigrationsJsonTest() {
        super("Migrations-Json-Operator-3f9b");
    }

    private Operator operator() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        return signedIn(name, createOperator(name));
    }

    private static String csrf(Operator op) {
        Matcher m = CSRF.matcher(op.get("/admin/migrations").body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String body(String sourcePassword, String mode) {
        return HttpCalls.json(
                "source", Map.of("server", "green.test", "login", "bob@green.test", "password", sourcePassword),
                "destination", Map.of("server", "example.test", "login", "alice@example.test", "password", DESTINATION_CANARY),
                "options", Map.of("includeFolders", List.of("INBOX"), "mode", mode));
    }

    @Test
    void anOperatorCreatesListsReadsAndCancelsAJobInJsonWithoutEverSeeingAPassword(CapturedOutput logs) {
        Operator op = operator();
        String token = csrf(op);

        Reply created = op.keep(op.http.send("POST", "/admin/api/v1/migrations", body(SOURCE_CANARY, "copy"),
                "Cookie", op.cookies(), "X-CSRF-TOKEN", token, "Accept", "application/json"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("state").asString()).isEqualTo("queued");
        assertThat(created.header("Location")).endsWith("/admin/api/v1/migrations/" + id);
        assertThat(jobs.passwordsSeen).contains(SOURCE_CANARY, DESTINATION_CANARY);

        Reply list = op.keep(op.http.get("/admin/api/v1/migrations", "Cookie", op.cookies(), "Accept", "application/json"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":\"" + id + "\"").contains("\"login\":\"bob@green.test\"");

        Reply one = op.keep(op.http.get("/admin/api/v1/migrations/" + id, "Cookie", op.cookies(), "Accept", "application/json"));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("state").asString()).isEqualTo("queued");
        assertThat(one.json().has("folders")).isTrue();
        assertThat(one.json().has("finishedAt")).isTrue();

        Reply paused = op.keep(op.http.send("POST", "/admin/api/v1/migrations/" + id + "/pause", null,
                "Cookie", op.cookies(), "X-CSRF-TOKEN", token));
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("state").asString()).isEqualTo("paused");
        Reply resumed = op.keep(op.http.send("POST", "/admin/api/v1/migrations/" + id + "/resume", null,
                "Cookie", op.cookies(), "X-CSRF-TOKEN", token));
        assertThat(resumed.json().get("state").asString()).isEqualTo("queued");

        Reply cancelled = op.keep(op.http.send("DELETE", "/admin/api/v1/migrations/" + id, null,
                "Cookie", op.cookies(), "X-CSRF-TOKEN", token, "Accept", "application/json"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asString()).isEqualTo("cancelled");

        Reply again = op.keep(op.http.send("DELETE", "/admin/api/v1/migrations/" + id, null,
                "Cookie", op.cookies(), "X-CSRF-TOKEN", token));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("conflict");

        Reply page = op.get("/admin/migrations");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"start-form\"");

        for (Reply r : op.http.seen()) {
            assertThat(r.body()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY).doesNotContain("password\":\"");
        }
        assertThat(logs.getAll()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);
    }

    /**
     * A request the operators' API refuses, sent with the operator's session (and, when {@code csrf}, its CSRF token):
     * the status and, beyond the problem+json every refusal is, what else its answer must say.
     */
    record Refusal(String name, String method, String path, String body, boolean csrf, boolean acceptJson, int status,
                   Consumer<Reply> says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Refusal> refusals() {
        String create = "/admin/api/v1/migrations";
        return List.of(
                new Refusal("source login failed", "POST", create, body("wrong-" + SOURCE_CANARY, "copy"), true, true, 422,
                        r -> assertThat(r.json().get("code").asString()).isEqualTo("source_login_failed")),
                new Refusal("mirror not confirmed", "POST", create, body(SOURCE_CANARY, "mirror"), true, true, 422,
                        r -> assertThat(r.json().get("detail").asString()).contains("confirmMirror")),
                new Refusal("source and destination missing", "POST", create, HttpCalls.json("options", Map.of()), true, true, 422,
                        r -> assertThat(r.json().get("detail").asString()).contains("source").contains("destination")),
                new Refusal("unknown job", "GET", create + "/mj_nothing", null, false, true, 404, r -> { }),
                new Refusal("not JSON", "POST", create, "{\"source\":", true, false, 400, r -> { }),
                new Refusal("a date that is not one", "POST", create, HttpCalls.json("options", Map.of("since", "yesterday")), true, false, 400,
                        r -> { }),
                new Refusal("no such route", "GET", "/admin/api/v1/no-such-thing", null, false, false, 404, r -> { }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalIsAProblemWithNoPassword(Refusal c) {
        Operator op = operator();
        List<String> headers = new ArrayList<>(List.of("Cookie", op.cookies()));
        if (c.csrf()) headers.addAll(List.of("X-CSRF-TOKEN", csrf(op)));
        if (c.acceptJson()) headers.addAll(List.of("Accept", "application/json"));

        Reply r = op.keep(c.method().equals("GET") ? op.http.get(c.path(), headers.toArray(String[]::new))
                : op.http.send(c.method(), c.path(), c.body(), headers.toArray(String[]::new)));

        assertThat(r.status()).as(c + " " + r.body()).isEqualTo(c.status());
        assertThat(r.header("Content-Type")).as(c.toString()).startsWith("application/problem+json");
        c.says().accept(r);
        assertThat(r.body()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);
    }

    @Test
    void withoutTheCsrfTokenOrASessionNothingIsCreated() {
        Operator op = operator();
        int before = jobs.passwordsSeen.size();
        Reply noToken = op.keep(op.http.send("POST", "/admin/api/v1/migrations", body(SOURCE_CANARY, "copy"),
                "Cookie", op.cookies(), "Accept", "application/json"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noToken.json().get("detail").asString()).contains("X-CSRF-TOKEN");

        HttpCalls anonymous = new HttpCalls(port);
        Reply noSession = anonymous.get("/admin/api/v1/migrations", "Accept", "application/json");
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noSession.json().get("detail").asString()).contains("/admin/signin");
        assertThat(noSession.body()).doesNotContain("\"id\"");
        Reply noSessionCreate = anonymous.send("POST", "/admin/api/v1/migrations", body(SOURCE_CANARY, "copy"));
        assertThat(noSessionCreate.status()).isIn(401, 403);
        assertThat(noSessionCreate.header("Content-Type")).startsWith("application/problem+json");

        // a browser on the console page without a session is still sent to the sign-in page
        Reply page = anonymous.get("/admin/migrations");
        assertThat(page.status()).isEqualTo(302);
        assertThat(jobs.passwordsSeen).hasSize(before);
    }

    @Test
    void theConsoleChainsRefusalsAndAnUnknownJobAreInTheOperatorsLanguage() {
        Operator op = operator();
        Reply noToken = op.keep(op.http.send("POST", "/admin/api/v1/migrations", body(SOURCE_CANARY, "copy"),
                "Cookie", op.cookies(), "Accept", "application/json", "Accept-Language", "de"));
        assertThat(noToken.json().get("title").asString()).isEqualTo("Nicht erlaubt");
        assertThat(noToken.json().get("detail").asString()).isEqualTo("Die Anfrage trägt die Sitzung der Konsole, aber nicht "
                + "deren CSRF-Token: Senden Sie es im Header X-CSRF-TOKEN.");

        Reply noSession = new HttpCalls(port).get("/admin/api/v1/migrations", "Accept", "application/json",
                "Accept-Language", "fr");
        assertThat(noSession.status()).isEqualTo(401);
        assertThat(noSession.json().get("detail").asString()).startsWith("Connectez-vous d’abord à la console d’exploitation");

        Reply unknown = op.keep(op.http.get("/admin/api/v1/migrations/mj_nothing", "Cookie", op.cookies(),
                "Accept", "application/json", "Accept-Language", "de"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("Es gibt keinen Migrationsauftrag mit dieser Kennung.");
        assertThat(unknown.json().get("code").asString()).as("scripts match on the code, which stays").isEqualTo("not_found");
    }
}

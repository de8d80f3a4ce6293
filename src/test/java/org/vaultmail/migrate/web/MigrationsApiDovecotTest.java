package org.vaultmail.migrate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * The API with the real jobs service on both Dovecots: real login refusals as problems, a job that runs to its end,
 * no password in any answer, and another user (mig-api-dst) gets 404. mig-api-src (source) is empty and stays so.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MigrationsApiDovecotTest {

    static final String SOURCE = "mig-api-src@example.test";
    static final String SOURCE_PW = "mig-api-src-pass";
    static final String ME = "mig-web@example.test";
    static final String ME_PW = "mig-web-pass";
    static final String OTHER = "mig-api-dst@example.test";
    static final String OTHER_PW = "mig-api-dst-pass";
    static final String NAME = "second-api";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("vaultmail-migrations-api-");
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "true");
        registry.add("vaultmail.migrate.enabled", () -> "true");
        registry.add("vaultmail.migrate.poll-interval", () -> "500ms");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @BeforeEach
    void source() {
        jdbc.sql("DELETE FROM migration_sources WHERE name = ?").param(NAME).update();
        jdbc.sql("INSERT INTO migration_sources (name, host, port, security, trust_store, created_at, created_by) "
                + "VALUES (?, '127.0.0.1', 2143, 'plain', NULL, ?, 'operator:test')").params(NAME, OffsetDateTime.now()).update();
    }

    @AfterEach
    void noSource() {
        jdbc.sql("DELETE FROM migration_sources WHERE name = ?").param(NAME).update();
    }

    @Test
    void realRefusalsARunToTheEndNoPasswordAnywhereAndAnotherUserGets404() {
        HttpCalls http = new HttpCalls(port);
        String me = token(http, ME, ME_PW);
        assertThat(http.get("/api/v1/migrations/sources", "Authorization", me).json().findValuesAsString("name")).contains(NAME, "example.test");

        Reply wrong = create(http, me, NAME, "Wrong-Real-Canary-5");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
        assertThat(wrong.json().get("type").asString()).isEqualTo(MigrationProblem.TYPE_PREFIX + "source-login-failed");
        assertThat(wrong.body()).doesNotContain("Wrong-Real-Canary-5").doesNotContain(ME_PW);
        Reply unknown = create(http, me, "nowhere.invalid", SOURCE_PW);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).doesNotContain(SOURCE_PW);

        Reply created = create(http, me, NAME, SOURCE_PW);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = created.header("Location");
        Await.until("the job finishes", Duration.ofSeconds(60),
                () -> http.get(location, "Authorization", me).json().get("state").asString().equals("finished"));
        Reply done = http.get(location, "Authorization", me);
        assertThat(done.json().get("destination").get("login").asString()).isEqualTo(ME);
        assertThat(done.body()).doesNotContain(SOURCE_PW).doesNotContain(ME_PW);
        assertThat(http.get("/api/v1/migrations", "Authorization", me).body()).doesNotContain(SOURCE_PW).doesNotContain(ME_PW);

        String other = token(http, OTHER, OTHER_PW);
        assertThat(http.get(location, "Authorization", other).status()).isEqualTo(404);
        assertThat(http.send("DELETE", location, null, "Authorization", other).status()).isEqualTo(404);
        assertThat(http.get(location + "/errors", "Authorization", other).status()).isEqualTo(404);
    }

    private static String token(HttpCalls http, String address, String password) {
        Reply r = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "Bearer " + r.json().get("accessToken").asString();
    }

    private static Reply create(HttpCalls http, String bearer, String server, String password) {
        return http.send("POST", "/api/v1/migrations", "{\"source\":{\"server\":" + MigrationsTestSupport.quote(server)
                + ",\"login\":\"" + SOURCE + "\",\"password\":" + MigrationsTestSupport.quote(password)
                + "},\"options\":{\"skipTrashAndJunk\":true}}", "Authorization", bearer);
    }
}

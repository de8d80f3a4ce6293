package org.vaultmail.migrate.web;

import org.vaultmail.testing.EventStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.Progress;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/migrations} over the whole app (GreenMail sign-in, the jobs service faked in memory). */
class MigrationsApiTest extends MigrationsTestSupport {

    static final String PW = InMemoryMigrationJobs.SOURCE_PASSWORD;
    static final String TYPE = "tag:vaultmail.org,2026:problem:migration-";

    @Autowired
    InMemoryMigrationJobs jobs;

    @Test
    void createIs201WithLocationAndTheDestinationIsTheSessionsOwnMailboxWithoutTypingItsPassword() {
        String[] me = signedIn(jobs);

        Reply created = create(me[1], "other-imap", "someone@other.test", PW, null);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(fieldNames(body)).containsExactly("id", "state");
        assertThat(body.get("state").asString()).isEqualTo("queued");
        assertThat(created.header("Location")).isEqualTo("/api/v1/migrations/" + body.get("id").asString());
        assertThat(jobs.destinations).contains("example.test|" + me[0] + "|true");
        assertThat(created.body()).doesNotContain(PW).doesNotContain(me[2]);
    }

    @Test
    void theJobHasTheReportsShapeWithProgressAndNoCredentialField() {
        String[] me = signedIn(jobs);
        String id = create(me[1], "other-imap", "someone@other.test", PW,
                "{\"includeFolders\":[\"INBOX\",\"Archive/*\"],\"excludeFolders\":[\"Spam\"],\"rules\":[{\"source\":\"Sent Items\","
                        + "\"destination\":\"Sent\"}],\"since\":\"2020-01-01\",\"before\":\"2026-01-01\",\"maxMessageBytes\":1048576,"
                        + "\"skipTrashAndJunk\":true,\"dryRun\":true,\"mode\":\"copy\"}").json().get("id").asString();
        jobs.advance(id, JobState.RUNNING, new Progress(1, 2, 30, 100, 3000, 10000, 25, 5, 0, 2500, 12.5, 6L),
                List.of(new FolderReport("INBOX", "INBOX", 30, 30, 25, 5, 0, 0, 0, 0, 2500)));

        Reply one = http().get("/api/v1/migrations/" + id, "Authorization", me[1]);

        assertThat(one.status()).isEqualTo(200);
        JsonNode j = one.json();
        assertThat(j.get("id").asString()).isEqualTo(id);
        assertThat(j.get("state").asString()).isEqualTo("running");
        JsonNode folder = j.get("folders").get(0);
        for (String f : List.of("source", "destination", "sourceCount", "destinationCount", "copied", "present", "failed")) {
            assertThat(folder.has(f)).as(f).isTrue();
        }
        assertThat(folder.get("copied").asLong()).isEqualTo(25);
        assertThat(j.get("copied").asLong()).isEqualTo(25);
        assertThat(j.get("failed").asLong()).isZero();
        assertThat(j.get("bytes").asLong()).isEqualTo(2500);
        assertThat(j.has("startedAt")).isTrue();
        assertThat(j.has("finishedAt")).isTrue();
        JsonNode p = j.get("progress");
        assertThat(p.get("foldersDone").asInt()).isEqualTo(1);
        assertThat(p.get("foldersTotal").asInt()).isEqualTo(2);
        assertThat(p.get("messagesDone").asLong()).isEqualTo(30);
        assertThat(p.get("messagesTotal").asLong()).isEqualTo(100);
        assertThat(p.get("bytesDone").asLong()).isEqualTo(3000);
        assertThat(p.get("bytesTotal").asLong()).isEqualTo(10000);
        assertThat(p.get("rate").asDouble()).isEqualTo(12.5);
        assertThat(p.get("etaSeconds").asLong()).isEqualTo(6);
        assertThat(p.get("errors").asLong()).isZero();
        JsonNode o = j.get("options");
        assertThat(o.get("dryRun").asBoolean()).isTrue();
        assertThat(o.get("since").asString()).isEqualTo("2020-01-01");
        assertThat(o.get("rules").get(0).get("destination").asString()).isEqualTo("Sent");
        assertThat(j.get("destination").get("login").asString()).isEqualTo(me[0]);
        assertThat(fieldNames(j)).noneMatch(n -> n.contains("password") || n.contains("credential") || n.contains("secret"));
        assertThat(one.body()).doesNotContain(PW).doesNotContain(me[2]);

        Reply list = http().get("/api/v1/migrations", "Authorization", me[1]);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.body()).doesNotContain(PW).doesNotContain(me[2]);
    }

    @Test
    void anotherUsersJobIsNotFoundLikeAnUnknownOne() throws Exception {
        String[] owner = signedIn(jobs);
        String id = create(owner[1], "other-imap", "someone@other.test", PW, null).json().get("id").asString();
        String[] other = signedIn(jobs);

        for (Reply r : List.of(http().get("/api/v1/migrations/" + id, "Authorization", other[1]),
                http().send("DELETE", "/api/v1/migrations/" + id, null, "Authorization", other[1]),
                http().send("POST", "/api/v1/migrations/" + id + "/pause", null, "Authorization", other[1]),
                http().send("POST", "/api/v1/migrations/" + id + "/resume", null, "Authorization", other[1]),
                http().get("/api/v1/migrations/" + id + "/errors", "Authorization", other[1]),
                http().get("/api/v1/migrations/" + id + "/events", "Authorization", other[1]),
                http().get("/api/v1/migrations/00000000-0000-0000-0000-000000000000", "Authorization", other[1]))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("type").asString()).isEqualTo(TYPE + "not-found");
            assertThat(r.body()).doesNotContain("someone@other.test");
        }
        assertThat(http().get("/api/v1/migrations", "Authorization", other[1]).json()).isEmpty();
        assertThat(jobs.jobs.get(id).state()).isEqualTo(JobState.QUEUED);
    }

    /** A creation the API refuses: what is sent, and the problem that answers it (named for the refusal). */
    record Refusal(String name, String server, String login, String password, String options, int status, String type, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Refusal> refusals() {
        return List.of(
                new Refusal("unknown server", "nowhere", "a@b.test", PW, null, 422, "unknown-server", "source.server"),
                new Refusal("source login failed", "other-imap", "a@b.test", "Wrong-Canary-91", null, 422, "source-login-failed", "source.password"),
                new Refusal("source unreachable", "other-imap", "unreachable", PW, null, 422, "source-unreachable", "source.server"),
                new Refusal("mirror without confirmMirror", "other-imap", "a@b.test", PW, "{\"mode\":\"mirror\"}", 422, "mirror-not-confirmed",
                        "options.confirmMirror"),
                new Refusal("mirror with confirmMirror false", "other-imap", "a@b.test", PW, "{\"mode\":\"mirror\",\"confirmMirror\":false}", 422,
                        "mirror-not-confirmed", "options.confirmMirror"),
                new Refusal("unknown mode", "other-imap", "a@b.test", PW, "{\"mode\":\"move\"}", 422, "invalid-options", "options.mode"),
                new Refusal("since not an ISO date", "other-imap", "a@b.test", PW, "{\"since\":\"31.12.2024\"}", 422, "invalid-options",
                        "options.since"),
                new Refusal("before earlier than since", "other-imap", "a@b.test", PW, "{\"since\":\"2025-01-01\",\"before\":\"2024-01-01\"}", 422,
                        "invalid-options", "options.before"),
                new Refusal("negative maxMessageBytes", "other-imap", "a@b.test", PW, "{\"maxMessageBytes\":-1}", 422, "invalid-options",
                        "options.maxMessageBytes"),
                new Refusal("rule without a destination", "other-imap", "a@b.test", PW, "{\"rules\":[{\"source\":\"A\"}]}", 422,
                        "invalid-options", "options.rules"),
                new Refusal("misspelt option", "other-imap", "a@b.test", PW, "{\"confirmMirorr\":true}", 400, "bad-request", "options.confirmMirorr"),
                new Refusal("the password as a boolean option", "other-imap", "a@b.test", PW, "{\"dryRun\":\"" + PW + "\"}", 400, "bad-request",
                        "options.dryRun"),
                new Refusal("blank server", "", "a@b.test", PW, null, 422, "invalid-options", "source.server"),
                new Refusal("blank login", "other-imap", "", PW, null, 422, "invalid-options", "source.login"),
                new Refusal("blank password", "other-imap", "a@b.test", "", null, 422, "invalid-options", "source.password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalIsAProblemWithATypeAFieldAndNoPassword(Refusal c) {
        String[] me = signedIn(jobs);

        Reply r = create(me[1], c.server(), c.login(), c.password(), c.options());

        assertThat(r.status()).as(c + " " + r.body()).isEqualTo(c.status());
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("type").asString()).as(c.toString()).isEqualTo(TYPE + c.type());
        assertThat(p.get("field").asString()).as(c.toString()).isEqualTo(c.field());
        assertThat(p.get("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain(PW).doesNotContain("Wrong-Canary-91").doesNotContain(me[2]);
    }

    @Test
    void mirrorWithConfirmMirrorIsCreatedInMirrorMode() {
        String[] me = signedIn(jobs);

        Reply mirror = create(me[1], "other-imap", "a@b.test", PW, "{\"mode\":\"mirror\",\"confirmMirror\":true}");

        assertThat(mirror.status()).isEqualTo(201);
        assertThat(http().get(mirror.header("Location"), "Authorization", me[1]).json().get("options").get("mode").asString())
                .isEqualTo("mirror");
    }

    static List<Arguments> malformedBodies() {
        return List.of(
                Arguments.of(Named.of("not JSON", "{\"source\": {\"password\": \"" + PW + "\"")),
                Arguments.of(Named.of("source a string", "{\"source\": \"" + PW + "\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsA400WithoutThePassword(String body) {
        String[] me = signedIn(jobs);

        Reply refused = http().send("POST", "/api/v1/migrations", body, "Authorization", me[1]);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain(PW);
    }

    @Test
    void refusalsAreInTheLanguageTheClientAsksForWithTheSameTypeAndField() {
        String[] me = signedIn(jobs);
        String body = "{\"source\":{\"server\":\"other-imap\",\"login\":\"a@b.test\",\"password\":" + quote(PW) + "}";

        Reply german = http().send("POST", "/api/v1/migrations", body + ",\"options\":{\"mode\":\"mirror\"}}",
                "Authorization", me[1], "Accept-Language", "de");
        assertThat(german.status()).isEqualTo(422);
        assertThat(german.json().get("type").asString()).isEqualTo(TYPE + "mirror-not-confirmed");
        assertThat(german.json().get("field").asString()).isEqualTo("options.confirmMirror");
        assertThat(german.json().get("title").asString()).isEqualTo("Spiegeln nicht bestätigt");
        assertThat(german.json().get("detail").asString()).startsWith("Der Modus „mirror“ löscht Nachrichten aus Ihrem Postfach");

        Reply french = http().send("POST", "/api/v1/migrations", body + ",\"options\":{\"since\":\"2025-01-01\",\"before\":\"2024-01-01\"}}",
                "Authorization", me[1], "Accept-Language", "fr-FR");
        assertThat(french.json().get("title").asString()).isEqualTo("Importation non valide");
        assertThat(french.json().get("detail").asString())
                .isEqualTo("La période est vide : « since » (2025-01-01) doit précéder « before » (2024-01-01).");

        Reply english = http().send("POST", "/api/v1/migrations", body + ",\"options\":{\"confirmMirorr\":true}}", "Authorization", me[1]);
        assertThat(english.json().get("title").asString()).isEqualTo("Bad request");
        assertThat(english.json().get("detail").asString()).isEqualTo("The field options.confirmMirorr is not known (check its spelling).");
    }

    @Test
    void pauseResumeCancelAndTheErrorsList() {
        String[] me = signedIn(jobs);
        String id = create(me[1], "other-imap", "someone@other.test", PW, null).json().get("id").asString();
        jobs.errors.put(id, List.of(new MigrationError("INBOX", 42, "larger than the limit", Instant.parse("2026-12-06T05:00:00Z"))));

        assertThat(http().send("POST", "/api/v1/migrations/" + id + "/pause", null, "Authorization", me[1]).json()
                .get("state").asString()).isEqualTo("paused");
        assertThat(http().send("POST", "/api/v1/migrations/" + id + "/resume", null, "Authorization", me[1]).json()
                .get("state").asString()).isEqualTo("queued");
        Reply errors = http().get("/api/v1/migrations/" + id + "/errors", "Authorization", me[1]);
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.json().get(0).get("folder").asString()).isEqualTo("INBOX");
        assertThat(errors.json().get(0).get("uid").asLong()).isEqualTo(42);
        assertThat(errors.json().get(0).get("reason").asString()).isEqualTo("larger than the limit");
        Reply cancelled = http().send("DELETE", "/api/v1/migrations/" + id, null, "Authorization", me[1]);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asString()).isEqualTo("cancelled");

        Reply again = http().send("DELETE", "/api/v1/migrations/" + id, null, "Authorization", me[1]);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo(TYPE + "conflict");
        assertThat(http().get("/api/v1/migrations?limit=0", "Authorization", me[1]).status()).isEqualTo(400);
    }

    @Test
    void sourcesListTheServerNamesOnly() {
        String[] me = signedIn(jobs);

        Reply sources = http().get("/api/v1/migrations/sources", "Authorization", me[1]);

        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.json().findValuesAsString("name")).containsExactly("example.test", "other-imap");
        assertThat(fieldNames(sources.json())).containsOnly("name", "kind");
    }

    @Test
    void springsOwnProblemTitlesAndTheErrorPagesAnswersAreInTheRequestsLanguage() {
        Reply anonymous = http().get("/api/v1/migrations", "Accept-Language", "de");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("title").asString()).isEqualTo("Anmeldung erforderlich");
        assertThat(anonymous.json().get("detail").asString()).startsWith("Bitte melden Sie sich zuerst an");
        assertThat(http().get("/api/v1/migrations").json().get("title").asString()).isEqualTo("Unauthorized");

        String[] me = signedIn(jobs);
        Reply french = http().send("PUT", "/api/v1/migrations", "{}", "Authorization", me[1], "Accept-Language", "fr");
        assertThat(french.status()).isEqualTo(405);
        assertThat(french.json().get("title").asString()).as(french.body()).isEqualTo("Méthode non autorisée");
        Reply english = http().send("PUT", "/api/v1/migrations", "{}", "Authorization", me[1]);
        assertThat(english.json().get("title").asString()).isEqualTo("Method Not Allowed");
    }

    @Test
    void anonymousIs401AndACookieWithoutItsCsrfTokenIs403() {
        assertThat(http().get("/api/v1/migrations").status()).isEqualTo(401);
        String[] me = signedIn(jobs);
        String address = me[0];
        org.vaultmail.auth.FormClient browser = new org.vaultmail.auth.FormClient(http());
        assertThat(browser.signIn(address, me[2]).status()).isEqualTo(302);
        String cookies = browser.cookies();
        assertThat(http().get("/api/v1/migrations", "Cookie", cookies).status()).as("the cookie works for reading").isEqualTo(200);

        Reply r = http().send("POST", "/api/v1/migrations", "{\"source\":{\"server\":\"other-imap\",\"login\":\"x\",\"password\":\"y\"}}",
                "Cookie", cookies);

        assertThat(r.status()).isEqualTo(403);
        assertThat(jobs.jobs.values()).noneMatch(j -> j.destinationLogin().equals(address));
    }

    @Test
    void theEventStreamSendsProgressThenEndAtTheFinalStateAndCloses() throws Exception {
        String[] me = signedIn(jobs);
        String id = create(me[1], "other-imap", "someone@other.test", PW, null).json().get("id").asString();
        jobs.advance(id, JobState.RUNNING, new Progress(0, 1, 10, 100, 0, 0, 10, 0, 0, 100, 10.0, 9L), List.of());

        try (EventStream events = EventStream.open(HttpClient.newHttpClient(), port, "/api/v1/migrations/" + id + "/events",
                "Authorization", me[1])) {
            assertThat(events.status).isEqualTo(200);
            assertThat(events.contentType).startsWith("text/event-stream");
            EventStream.Event first = events.await(Duration.ofSeconds(5), e -> e.name().equals("progress"));
            assertThat(first.json().get("progress").get("messagesDone").asLong()).isEqualTo(10);
            jobs.advance(id, JobState.RUNNING, new Progress(0, 1, 60, 100, 0, 0, 60, 0, 0, 600, 10.0, 4L), List.of());
            EventStream.Event later = events.await(Duration.ofSeconds(5),
                    e -> e.name().equals("progress") && e.json().get("progress").get("messagesDone").asLong() == 60);
            assertThat(later.json().get("state").asString()).isEqualTo("running");
            jobs.advance(id, JobState.FINISHED, new Progress(1, 1, 100, 100, 0, 0, 100, 0, 0, 1000, null, 0L),
                    List.of(new FolderReport("INBOX", "INBOX", 100, 100, 100, 0, 0, 0, 0, 0, 1000)));
            EventStream.Event end = events.await(Duration.ofSeconds(5), e -> e.name().equals("end"));
            assertThat(end.json().get("state").asString()).isEqualTo("finished");
            assertThat(end.json().get("folders").get(0).get("copied").asLong()).isEqualTo(100);
            assertThat(events.ended(Duration.ofSeconds(5))).isTrue();
            assertThat(String.join("\n", events.raw)).doesNotContain(PW).doesNotContain(me[2]);
        }
    }

    @Test
    void theEventStreamEndsWhenTheSessionIsRevoked() throws Exception {
        String[] me = signedIn(jobs);
        String id = create(me[1], "other-imap", "someone@other.test", PW, null).json().get("id").asString();

        try (EventStream events = EventStream.open(HttpClient.newHttpClient(), port, "/api/v1/migrations/" + id + "/events",
                "Authorization", me[1])) {
            events.await(Duration.ofSeconds(5), e -> e.name().equals("progress"));
            assertThat(new HttpCalls(port).send("DELETE", "/api/v1/sessions/current", null, "Authorization", me[1]).status())
                    .isBetween(200, 204);
            EventStream.Event end = events.await(Duration.ofSeconds(10), e -> e.name().equals("end"));
            assertThat(end.json().get("reason").asString()).isEqualTo("access-lost");
            assertThat(events.ended(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(http().get("/api/v1/migrations/" + id, "Authorization", me[1]).status()).isEqualTo(401);
    }
}

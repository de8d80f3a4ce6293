package org.vaultmail.organise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.organise.BigMailbox.BIG;
import static org.vaultmail.organise.BigMailbox.BIG_PASSWORD;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import org.vaultmail.testing.Await;

/**
 * A bulk move and a bulk permanent delete of 10,000 messages on the real Dovecot through the API: started as jobs,
 * progress seen while they run, every poll answered quickly, nothing left behind. The messages are copied from the
 * shared user {@code big}'s INBOX (read only) into folders of big's own, deleted afterwards.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkDovecotTest {

    static final int N = 10_000;
    static final String FROM = "Bulk-" + UUID.randomUUID().toString().substring(0, 8);
    static final String TO = FROM + "-to";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        BigMailbox.register(registry, "vaultmail-bulk-dovecot-");
    }

    @LocalServerPort
    int port;

    BigMailbox big;
    HttpCalls http;
    String token;

    @BeforeAll
    void seedTenThousand() throws MessagingException {
        big = BigMailbox.connect();
        big.seed(FROM, TO, N);
        http = new HttpCalls(port);
        token = ApiTestApp.signIn(http, BIG, BIG_PASSWORD);
    }

    @AfterAll
    void cleanUp() throws MessagingException {
        if (big != null) big.close();
    }

    Reply call(String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + token);
    }

    int total(String folder) {
        return call("GET", "/api/v1/folders/" + URLEncoder.encode(folder, StandardCharsets.UTF_8) + "/messages?limit=1", null)
                .json().get("total").asInt();
    }

    @Test
    void tenThousandMessagesAreMovedThenDeletedAsJobsWithProgress() throws InterruptedException {
        assertThat(total(FROM)).isEqualTo(N);

        long start = System.nanoTime();
        Reply move = call("POST", "/api/v1/folders/" + FROM + "/messages/actions", HttpCalls.json("action", "move", "all", true, "to", TO));
        assertThat(move.status()).isEqualTo(202);
        JsonNode moved = await(move.json().get("id").asString());
        Duration moveTime = Duration.ofNanos(System.nanoTime() - start);
        assertThat(moved.get("result").get("count").asInt()).isEqualTo(N);
        assertThat(moved.get("result").get("undoToken").isNull()).isFalse();
        assertThat(total(FROM)).isZero();
        assertThat(total(TO)).isEqualTo(N);

        start = System.nanoTime();
        Reply delete = call("POST", "/api/v1/folders/" + TO + "/messages/actions",
                HttpCalls.json("action", "delete", "all", true, "permanent", true));
        assertThat(delete.status()).isEqualTo(202);
        JsonNode deleted = await(delete.json().get("id").asString());
        Duration deleteTime = Duration.ofNanos(System.nanoTime() - start);
        assertThat(deleted.get("result").get("count").asInt()).isEqualTo(N);
        assertThat(total(TO)).isZero();
        System.out.printf("BULK 10k on Dovecot: move %d ms, permanent delete %d ms%n", moveTime.toMillis(), deleteTime.toMillis());
    }

    /** Polls until the job ends; every poll must answer within a second, and progress must be seen between 0 and N. */
    JsonNode await(String id) throws InterruptedException {
        List<Integer> progress = new ArrayList<>();
        JsonNode done = Await.until("job " + id + " done", Duration.ofMinutes(5), () -> {
            long t = System.nanoTime();
            Reply job = call("GET", "/api/v1/jobs/" + id, null);
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(1));
            assertThat(job.status()).isEqualTo(200);
            JsonNode json = job.json();
            assertThat(json.get("total").asInt()).isEqualTo(N);
            progress.add(json.get("done").asInt());
            String state = json.get("state").asString();
            if (!state.equals("done")) assertThat(state).as(json.toString()).isEqualTo("running");
            return json;
        }, json -> json.get("state").asString().equals("done"));
        assertThat(progress).isSorted().anyMatch(p -> p > 0 && p < N);
        assertThat(done.get("done").asInt()).isEqualTo(N);
        return done;
    }
}

package org.vaultmail.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.gateway.apikeys.ApiScope.OUTBOX_READ;
import static org.vaultmail.gateway.apikeys.ApiScope.SEND;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key with Stripe's semantics (issue 13 item 4) against the whole app, on each database: 50 parallel
 * requests with one key make exactly one message; a repeat replays the first answer with Idempotent-Replayed; another
 * body is 422; a repeat while the first is inside its transaction is 409; after 24 h the key starts afresh.
 * Also the users, mailboxes and keys the outbox tests use.
 */
abstract class OutboxIdempotencyContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final MutableClockAccess CLOCK = new MutableClockAccess();
    final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    final String OWNER = "owner-" + SUFFIX + "@example.test";
    final String MAILBOX = "news-" + SUFFIX + "@example.test";
    final String SECOND = "second-" + SUFFIX + "@example.test";
    final String LISTED = "listed-" + SUFFIX + "@example.test";
    final String DISABLED = "disabled-" + SUFFIX + "@example.test";
    final String REAUTH = "reauth-" + SUFFIX + "@example.test";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxStore store;

    HttpCalls http;
    /** send on {@link #MAILBOX} only; outbox:read; send + outbox:read on all mailboxes; another user's key. */
    String sender;
    String reader;
    String allMailboxes;
    String stranger;

    static void limits(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.gateway.outbox-api.max-message-size", () -> "256KB");
        registry.add("vaultmail.gateway.outbox-api.max-attachments", () -> "3");
        registry.add("vaultmail.gateway.outbox-api.max-attachment-size", () -> "100KB");
    }

    @BeforeAll
    void users() {
        http = new HttpCalls(port);
        long owner = OutboxTestBeans.user(jdbc, OWNER);
        long mailbox = OutboxTestBeans.mailbox(jdbc, owner, MAILBOX, MailboxState.CONNECTED);
        OutboxTestBeans.mailbox(jdbc, owner, SECOND, MailboxState.CONNECTED);
        OutboxTestBeans.mailbox(jdbc, owner, LISTED, MailboxState.CONNECTED);
        OutboxTestBeans.mailbox(jdbc, owner, DISABLED, MailboxState.DISABLED);
        OutboxTestBeans.mailbox(jdbc, owner, REAUTH, MailboxState.NEEDS_REAUTH);
        long other = OutboxTestBeans.user(jdbc, "other-" + SUFFIX + "@example.test");
        OutboxTestBeans.mailbox(jdbc, other, "other-" + SUFFIX + "@example.test", MailboxState.CONNECTED);
        sender = OutboxTestBeans.key("vmk_test_send_" + SUFFIX, 1, owner, OWNER, Set.of(SEND), Set.of(mailbox));
        reader = OutboxTestBeans.key("vmk_test_read_" + SUFFIX, 2, owner, OWNER, Set.of(OUTBOX_READ), null);
        allMailboxes = OutboxTestBeans.key("vmk_test_all_" + SUFFIX, 3, owner, OWNER, Set.of(SEND, OUTBOX_READ), null);
        stranger = OutboxTestBeans.key("vmk_test_other_" + SUFFIX, 4, other, "other-" + SUFFIX + "@example.test",
                Set.of(SEND, OUTBOX_READ), null);
    }

    @Test
    void fiftyParallelRequestsWithOneKeyMakeExactlyOneMessage() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "subject", "race"));
        long before = count();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
                }, pool));
            }
            start.countDown();
            List<Reply> all = replies.stream().map(CompletableFuture::join).toList();
            assertThat(all).extracting(Reply::status).allMatch(s -> s == 202 || s == 409);
            assertThat(all.stream().filter(r -> r.status() == 202).map(r -> r.json().get("id").asString()).distinct().count())
                    .as("every 202 names the one message").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count() - before).isEqualTo(1);
        Reply after = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
        assertThat(after.status()).isEqualTo(202);
        assertThat(after.header(OutboxApiController.REPLAYED)).isEqualTo("true");
        assertThat(count() - before).isEqualTo(1);
    }

    @Test
    void aRepeatReplaysAnotherBodyIs422AndAfter24HoursTheKeyIsNew() {
        String key = "order-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "subject", "once"));
        Reply first = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header(OutboxApiController.REPLAYED)).isNull();
        long after = count();

        Reply again = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header(OutboxApiController.REPLAYED)).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(count()).isEqualTo(after);

        String other = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "subject", "twice"));
        Reply mismatch = http.send("POST", "/api/v1/outbox", other, "Authorization", sender, "Idempotency-Key", key);
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.header("Content-Type")).startsWith("application/problem+json");

        assertThat(http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", "k".repeat(256)).status())
                .isEqualTo(400);

        CLOCK.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key)
                .header(OutboxApiController.REPLAYED)).as("still kept").isEqualTo("true");
        CLOCK.advance(Duration.ofSeconds(1));
        Reply fresh = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
        assertThat(fresh.status()).isEqualTo(202);
        assertThat(fresh.header(OutboxApiController.REPLAYED)).isNull();
        assertThat(fresh.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(count()).isEqualTo(after + 1);
    }

    @Test
    void aRepeatWhileTheFirstIsInsideItsTransactionIs409() throws Exception {
        String key = "slow-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "subject", "slow"));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutboxTestBeans.release = release;
        OutboxTestBeans.entered = entered;
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() ->
                http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key));
        try {
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            Reply second = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        } finally {
            release.countDown();
            OutboxTestBeans.release = null;
        }
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);
        Reply third = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
        assertThat(third.header(OutboxApiController.REPLAYED)).isEqualTo("true");
        assertThat(third.json().get("id")).isEqualTo(first.get().json().get("id"));
    }

    @Test
    void keysAreScopedToTheMailbox() {
        String key = "shared-" + UUID.randomUUID();
        Reply one = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"))),
                "Authorization", allMailboxes, "Idempotency-Key", key);
        Reply two = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("mailbox", SECOND, "to", List.of("bob@example.org"))),
                "Authorization", allMailboxes, "Idempotency-Key", key);
        assertThat(one.status()).isEqualTo(202);
        assertThat(two.status()).isEqualTo(202);
        assertThat(two.header(OutboxApiController.REPLAYED)).isNull();
    }

    /**
     * Not a check: accepted sends per second with p50/p99 (8 client threads, each request with its own
     * Idempotency-Key, 1 KB text + a 10 KB file). Run with {@code -Dvaultmail.bench.outbox=true}.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "vaultmail.bench.outbox", matches = "true")
    void benchmarkAcceptedSendsPerSecond() throws Exception {
        String file = java.util.Base64.getEncoder().encodeToString(new byte[10 * 1024]);
        String body = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "text", "x".repeat(1024),
                "attachments", List.of(Map.of("filename", "f.bin", "contentType", "application/octet-stream", "content", file))));
        int threads = 8;
        int warmup = 400;
        int measured = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, body, warmup);
            long start = System.nanoTime();
            long[] latencies = run(pool, body, measured);
            double seconds = (System.nanoTime() - start) / 1e9;
            java.util.Arrays.sort(latencies);
            System.out.printf("OUTBOX-BENCH %s: %d accepted in %.2f s = %.0f/s, p50 %.1f ms, p99 %.1f ms%n",
                    getClass().getSimpleName(), measured, seconds, measured / seconds, latencies[measured / 2] / 1e6,
                    latencies[(int) (measured * 0.99)] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] run(ExecutorService pool, String body, int n) {
        long[] latencies = new long[n];
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            all.add(CompletableFuture.runAsync(() -> {
                long t = System.nanoTime();
                Reply r = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", UUID.randomUUID().toString());
                latencies[index] = System.nanoTime() - t;
                if (r.status() != 202) throw new IllegalStateException("status " + r.status());
            }, pool));
        }
        all.forEach(CompletableFuture::join);
        return latencies;
    }

    // --- shared helpers

    Map<String, Object> message(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mailbox", MAILBOX);
        out.put("subject", "Hello");
        out.put("text", "Hi Bob");
        for (int i = 0; i < keyValues.length; i += 2) out.put((String) keyValues[i], keyValues[i + 1]);
        return out;
    }

    String accept(String key) {
        return accept(key, MAILBOX);
    }

    String accept(String key, String mailbox) {
        Reply reply = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("mailbox", mailbox,
                "to", List.of("bob@example.org"))), "Authorization", key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().get("id").asString();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_messages").query(Long.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shared test clock. */
    static final class MutableClockAccess {
        void advance(Duration d) {
            OutboxTestBeans.CLOCK.advance(d);
        }

        java.time.Instant instant() {
            return OutboxTestBeans.CLOCK.instant();
        }
    }
}

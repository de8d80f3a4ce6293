package org.vaultmail.gateway.outbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.mailboxes.MailboxReauthenticated;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStore;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * The delivery worker with OAuth mailboxes (ADR 0044) on one node (H2) against a loopback send API stub, with a clock
 * the test moves: the Gmail and Graph calls carry the outbox's MIME byte for byte, no IMAP copy, 401 → one retry with a
 * fresh token, invalid_grant → held → reconnect → sent once, Retry-After honoured, refusals, lost answers, the canary.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthDeliveryTest {

    static final MutableClock CLOCK = new MutableClock();
    static final String CANARY_BODY = "CANARY-body-oauth-41c9";

    @TempDir
    static Path dir;
    static TestDatabase db;
    static ConfigurableApplicationContext node;
    static SendApiStub api;
    static DeliveryWorker worker;
    static OutboxStore store;
    static JdbcTemplate jdbc;
    static TestMailboxes mailboxes;
    static RecordedEvents events;

    /** A source class for this test's node; not annotated, so component scanning never adds it elsewhere. */
    static class TestClock {
        @Bean
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        api = SendApiStub.start();
        db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        node = VaultmailNode.start(db, List.of(
                "--vaultmail.gateway.outbox.backoff-base=10s", "--vaultmail.gateway.outbox.backoff-max=1m",
                "--vaultmail.gateway.outbox.max-attempts=3", "--vaultmail.gateway.outbox.api-timeout=2s",
                "--logging.level.org.vaultmail.gateway.outbox=debug"),
                TestMailboxes.Config.class, RecordedEvents.Config.class, TestClock.class);
        worker = node.getBean(DeliveryWorker.class);
        store = node.getBean(OutboxStore.class);
        jdbc = node.getBean(JdbcTemplate.class);
        mailboxes = node.getBean(TestMailboxes.class);
        mailboxes.apiBase(api.base());
        events = node.getBean(RecordedEvents.class);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
        if (api != null) api.close();
    }

    @AfterEach
    void reset() {
        mailboxes.apiBase(api.base());
        for (long id : new long[] {TestMailboxes.GMAIL, TestMailboxes.GRAPH}) {
            mailboxes.state(id, MailboxState.CONNECTED);
            mailboxes.tokens.get(id).reauth = false;
        }
    }

    @Test
    void gmailGetsTheOutboxsMimeByteForByteAsBase64urlRawWithTheBearerTokenAndNoImapCopy() throws Exception {
        int imap = mailboxes.imapSessions.get();
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("reply_code")).isEqualTo(200);
        assertThat(row.get("data_sent_at")).isNotNull();
        assertThat(api.count(m.messageId())).isEqualTo(1);
        SendApiStub.Received r = api.last(m.messageId());
        assertThat(r.path()).isEqualTo("/gmail/v1/users/me/messages/send");
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.mime()).isEqualTo(m.mime());
        assertThat(r.authorization()).isEqualTo("Bearer " + mailboxes.tokens.get(TestMailboxes.GMAIL).current());
        assertThat(mailboxes.imapSessions.get()).as("Gmail files its own Sent copy").isEqualTo(imap);
        assertThat(OutboxRows.history(jdbc, m.id())).containsExactly("queued: ", "sending: ",
                "sent: 200 accepted by the Gmail API (id 18c0ffee)");
        GatewayEvent sent = events.of("gateway.message.sent", m.id()).getFirst();
        assertThat(sent.webhookType()).isEqualTo("message.sent");
        assertThat(sent.details()).containsEntry("replyCode", 200).containsEntry("mailbox", TestMailboxes.GMAIL);
    }

    @Test
    void graphGetsTheMimeAsBase64TextPlainAndItsAcceptedIsSent() throws Exception {
        int imap = mailboxes.imapSessions.get();
        Queued m = enqueue(TestMailboxes.GRAPH, List.of("bob@example.net"));

        drain();

        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "sent").containsEntry("reply_code", 202);
        SendApiStub.Received r = api.last(m.messageId());
        assertThat(r.path()).isEqualTo("/v1.0/me/sendMail");
        assertThat(r.contentType()).isEqualTo("text/plain");
        assertThat(r.mime()).isEqualTo(m.mime());
        assertThat(mailboxes.imapSessions.get()).isEqualTo(imap);
    }

    @Test
    void aLargeMessageGoesToGmailsMediaUploadEndpointAsItselfByteForByte() throws Exception {
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"), List.of(), 8 * 1024 * 1024);

        drain();

        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "sent").containsEntry("reply_code", 200);
        SendApiStub.Received r = api.last(m.messageId());
        assertThat(r.path()).isEqualTo("/upload/gmail/v1/users/me/messages/send");
        assertThat(r.contentType()).startsWith("message/rfc822");
        assertThat(r.mime()).as("8 MB sent as itself, not inflated by base64").isEqualTo(m.mime());
    }

    @Test
    void aBlindCopyRecipientReachesTheApiAsABccHeaderInFrontOfTheUnchangedMessage() throws Exception {
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"), List.of("hidden@example.net"));

        drain();

        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
        byte[] expected = ("Bcc: hidden@example.net\r\n" + new String(m.mime(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertThat(api.last(m.messageId()).mime()).isEqualTo(expected);
    }

    @Test
    void a401RejectsTheTokenAndTheMessageGoesOnceWithAFreshOne() throws Exception {
        TestMailboxes.TestTokens tokens = mailboxes.tokens.get(TestMailboxes.GMAIL);
        String old = tokens.current();
        int rejected = tokens.rejected.get();
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));
        api.answer(SendApiStub.Answer.of(401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}"));

        drain();

        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "sent").containsEntry("attempts", 1);
        assertThat(tokens.rejected.get()).isEqualTo(rejected + 1);
        assertThat(api.count(m.messageId())).isEqualTo(2);
        assertThat(api.last(m.messageId()).authorization()).isEqualTo("Bearer " + tokens.current()).isNotEqualTo("Bearer " + old);
        assertThat(events.of("gateway.message.sent", m.id())).hasSize(1);
    }

    @Test
    void aFreshTokenRefusedTooHoldsTheMailAsARefusedPasswordDoes() throws Exception {
        Queued m = enqueue(TestMailboxes.GRAPH, List.of("bob@example.net"));
        int failures = mailboxes.authenticationFailures.get();
        SendApiStub.Answer refused = SendApiStub.Answer.of(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}");
        api.answer(refused, refused);

        drain();

        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "held");
        assertThat(OutboxRows.row(jdbc, m.id()).get("data_sent_at")).isNull();
        assertThat(mailboxes.authenticationFailures.get()).isEqualTo(failures + 1);
        assertThat(events.of("gateway.message.held", m.id())).hasSize(1);
    }

    @Test
    void invalidGrantHoldsTheMailAndReconnectingDeliversItExactlyOnce() throws Exception {
        TestMailboxes.TestTokens tokens = mailboxes.tokens.get(TestMailboxes.GMAIL);
        Queued a = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));
        Queued b = enqueue(TestMailboxes.GMAIL, List.of("carol@example.net"));
        tokens.reauth = true;

        drain();
        CLOCK.advance(Duration.ofMinutes(5));
        drain();

        for (Queued m : List.of(a, b)) {
            assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("held");
            assertThat(api.count(m.messageId())).isZero();
            assertThat(events.of("gateway.message.held", m.id())).hasSize(1);
        }

        tokens.reauth = false; // the owner connected the account again (OAuthGrants.replace)
        mailboxes.state(TestMailboxes.GMAIL, MailboxState.CONNECTED);
        node.getBean(TransactionTemplate.class).executeWithoutResult(s ->
                node.publishEvent(new MailboxReauthenticated(TestMailboxes.GMAIL, TestMailboxes.USER)));
        drain();

        for (Queued m : List.of(a, b)) {
            assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
            assertThat(api.count(m.messageId())).isEqualTo(1);
        }
    }

    @Test
    void a429WithRetryAfterIsNotRetriedBeforeTheTimeItNames() throws Exception {
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));
        api.answer(new SendApiStub.Answer(429, Map.of("Retry-After", "120", "Content-Type", "application/json"),
                "{\"error\":{\"code\":429,\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}", 0));

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("data_sent_at")).as("the 429 proved nothing was accepted").isNull();
        Instant next = ((OffsetDateTime) row.get("next_attempt_at")).toInstant();
        assertThat(next).isAfterOrEqualTo(CLOCK.instant().plusSeconds(120)).isBefore(CLOCK.instant().plusSeconds(121));
        assertThat(OutboxRows.history(jdbc, m.id()).get(2)).startsWith("queued: attempt 1 rate_limited: 429 rateLimitExceeded");

        CLOCK.advance(Duration.ofSeconds(60)); // past the backoff (≤ 10 s), not past Retry-After
        drain();
        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("queued");
        assertThat(api.count(m.messageId())).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(61));
        drain();
        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "sent").containsEntry("attempts", 2);
    }

    @Test
    void anotherClientErrorFailsAtOnceWithTheProvidersErrorCode() throws Exception {
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));
        api.answer(SendApiStub.Answer.of(400, "{\"error\":{\"code\":400,\"message\":\"Invalid To header bob@example.net\","
                + "\"errors\":[{\"reason\":\"invalidArgument\"}],\"status\":\"INVALID_ARGUMENT\"}}"));

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("failure_reason")).isEqualTo("rejected_by_api");
        assertThat(row.get("reply_code")).isEqualTo(400);
        assertThat((String) row.get("reply_text")).isEqualTo("400 invalidArgument: the Gmail API refused the message")
                .as("the provider's message may quote an address: not kept").doesNotContain("bob@");
        assertThat(events.of("gateway.message.failed", m.id()).getFirst().details())
                .containsEntry("reason", "rejected_by_api").containsEntry("replyCode", 400);
    }

    @Test
    void a500IsRetriedAndA504LeavesTheMessageUncertainNeverResent() throws Exception {
        Queued retried = enqueue(TestMailboxes.GRAPH, List.of("bob@example.net"));
        api.answer(SendApiStub.Answer.of(500, "{\"error\":{\"code\":\"InternalServerError\"}}"));
        drain();
        assertThat(OutboxRows.row(jdbc, retried.id())).containsEntry("status", "queued").containsEntry("data_sent_at", null);
        CLOCK.advance(Duration.ofMinutes(2));
        drain();
        assertThat(OutboxRows.status(jdbc, retried.id())).isEqualTo("sent");

        Queued uncertain = enqueue(TestMailboxes.GRAPH, List.of("bob@example.net"));
        api.answer(SendApiStub.Answer.of(504, ""));
        drain();
        assertThat(OutboxRows.status(jdbc, uncertain.id())).isEqualTo("delivery_uncertain");
        CLOCK.advance(Duration.ofHours(1));
        drain();
        assertThat(api.count(uncertain.messageId())).isEqualTo(1);
        assertThat(events.of("gateway.message.delivery_uncertain", uncertain.id())).hasSize(1);
    }

    @Test
    void anApiThatCannotBeReachedIsATemporaryFailureWithNothingMarked() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        mailboxes.apiBase(URI.create("http://127.0.0.1:" + port + "/"));
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("data_sent_at")).isNull();
        assertThat(OutboxRows.history(jdbc, m.id()).get(2)).startsWith("queued: attempt 1 connection_failed");
    }

    @Test
    void aLostAnswerAfterTheRequestWentOutIsDeliveryUncertainAndNotResent() throws Exception {
        Queued m = enqueue(TestMailboxes.GMAIL, List.of("bob@example.net"));
        api.answer(new SendApiStub.Answer(200, Map.of(), "{\"id\":\"late\"}", 4000)); // beyond api-timeout (2 s)

        drain();

        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("delivery_uncertain");
        CLOCK.advance(Duration.ofHours(1));
        drain();
        assertThat(api.count(m.messageId())).isEqualTo(1);
        assertThat(OutboxRows.history(jdbc, m.id()).getLast()).contains("no answer from the Gmail API");
    }

    @Test
    void neitherTokensNorTheBodyAppearInLogsHistoryOrEvents(CapturedOutput output) throws Exception {
        Queued m = enqueue(TestMailboxes.GRAPH, List.of("bob@example.net"));
        api.answer(SendApiStub.Answer.of(401, "{}"));
        drain();

        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
        String tokenPrefix = "CANARY-token-";
        assertThat(output.getAll()).contains(m.id()).doesNotContain(tokenPrefix).doesNotContain(CANARY_BODY);
        assertThat(events.events.toString()).doesNotContain(tokenPrefix).doesNotContain(CANARY_BODY);
        assertThat(jdbc.queryForList("SELECT COALESCE(detail, '') FROM outbox_history", String.class).toString())
                .doesNotContain(tokenPrefix).doesNotContain(CANARY_BODY);
        assertThat(jdbc.queryForList("SELECT COALESCE(reply_text, '') FROM outbox_messages", String.class).toString())
                .doesNotContain(tokenPrefix);
    }

    record Queued(String id, String messageId, byte[] mime) {
    }

    private static Queued enqueue(long mailboxId, List<String> to) {
        return enqueue(mailboxId, to, List.of());
    }

    /** {@code bcc}: envelope recipients no header names (as the outbox API stores a Bcc). */
    private static Queued enqueue(long mailboxId, List<String> to, List<String> bcc) {
        return enqueue(mailboxId, to, bcc, 0);
    }

    /** {@code padding}: that many more body bytes (lines of 76 letters), for a large message. */
    private static Queued enqueue(long mailboxId, List<String> to, List<String> bcc, int padding) {
        String from = mailboxes.byId(mailboxId).orElseThrow().address();
        String messageId = java.util.UUID.randomUUID() + "@vaultmail.test";
        byte[] mime = ("From: " + from + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: oauth outbox test\r\nMessage-ID: <"
                + messageId + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello "
                + CANARY_BODY + " \u00e9t\u00e9\r\n.leading dot line\r\n" + ("x".repeat(76) + "\r\n").repeat(padding / 78))
                .getBytes(StandardCharsets.UTF_8);
        List<String> envelope = new java.util.ArrayList<>(to);
        envelope.addAll(bcc);
        String id = store.enqueue(new OutboxStore.NewMessage(TestMailboxes.USER, mailboxId, null, messageId, CLOCK.instant(), null),
                new OutboxContent(from, envelope, mime.clone()));
        return new Queued(id, messageId, mime);
    }

    private static void drain() throws Exception {
        for (int i = 0; i < 20 && worker.pollAndWait(60) > 0; i++) {
            // keep polling
        }
    }
}

package org.vaultmail.gateway.outbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterAll;
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
import org.vaultmail.gateway.outbox.OutboxStore;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.LoopbackSmtpServer;
import org.vaultmail.testing.LoopbackSmtpServer.Stage;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/**
 * The delivery worker on one node (H2) against the loopback SMTP server and GreenMail's IMAP, with a clock the test
 * moves: outcomes, retries, limits, holds, the Sent copy and the canary. Polls are driven by the test.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryWorkerTest {

    static final MutableClock CLOCK = new MutableClock();
    static final String FROM = "alice@example.org";
    static final String CANARY_BODY = "CANARY-body-7f3a9c";
    static final String CANARY_RCPT = "canary-rcpt-5d21@example.net";

    @TempDir
    static Path dir;
    static TestDatabase db;
    static ConfigurableApplicationContext node;
    static LoopbackSmtpServer smtp;
    static GreenMailFixture greenMail;
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
        // whole milliseconds: the database keeps microseconds and rounds, so a sub-microsecond "now" written as a
        // message's due time could come back a microsecond later than the same "now" it is compared with
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        smtp = LoopbackSmtpServer.start(FROM, "secret");
        greenMail = GreenMailFixture.start();
        greenMail.createUser(FROM, "secret");
        Store s = greenMail.imap(FROM, "secret");
        s.getFolder("Sent").create(Folder.HOLDS_MESSAGES);
        s.close();
        db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        node = VaultmailNode.start(db, List.of("--test.mailboxes.smtp-port=" + smtp.port(),
                "--test.mailboxes.imap-port=" + greenMail.imapPort(),
                "--vaultmail.gateway.outbox.backoff-base=10s", "--vaultmail.gateway.outbox.backoff-max=1m",
                "--vaultmail.gateway.outbox.max-attempts=3", "--vaultmail.gateway.outbox.hold-time=72h",
                "--vaultmail.gateway.outbox.domains[limited.test].per-minute=3",
                "--vaultmail.gateway.outbox.server-saves-sent=selfsent.test",
                "--logging.level.org.vaultmail.gateway.outbox=debug",
                "--spring.modulith.events.completion-mode=update"), // done publications stay: a test counts them
                TestMailboxes.Config.class, RecordedEvents.Config.class, TestClock.class);
        worker = node.getBean(DeliveryWorker.class);
        store = node.getBean(OutboxStore.class);
        jdbc = node.getBean(JdbcTemplate.class);
        mailboxes = node.getBean(TestMailboxes.class);
        events = node.getBean(RecordedEvents.class);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
        if (greenMail != null) greenMail.close();
        if (smtp != null) smtp.close();
    }

    @Test
    void aQueuedMessageIsSentOnceWithTheServersReplyAndACopyInSent() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("reply_code")).isEqualTo(250);
        assertThat((String) row.get("reply_text")).startsWith("250 2.0.0 Ok: queued as");
        assertThat(row.get("data_sent_at")).isNotNull();
        assertThat(smtp.count(m.messageId())).isEqualTo(1);
        assertThat(smtp.received().stream().filter(r -> r.messageId().equals(m.messageId())).findFirst().orElseThrow().data())
                .as("dot-stuffing round trip").contains("\r\n.leading dot line\r\n");
        assertThat(OutboxRows.history(jdbc, m.id())).containsExactly("queued: ", "sending: ",
                "sent: " + row.get("reply_text"), "sent: copy saved in Sent");
        assertThat(sentFolderCount(m.messageId())).isEqualTo(1);
        GatewayEvent sent = events.of("gateway.message.sent", m.id()).getFirst();
        assertThat(sent.webhookType()).isEqualTo("message.sent");
        assertThat(sent.actor()).isEqualTo(GatewayEvent.Actor.SYSTEM);
        assertThat(sent.details()).containsEntry("messageId", m.messageId()).containsEntry("replyCode", 250)
                .containsEntry("mailbox", TestMailboxes.MAILBOX).containsEntry("id", m.id());
    }

    /**
     * A routine "sent" is for webhooks only (not audited, no notice): only the webhook listener gets a publication row
     * (the listeners' conditions; before them every GatewayEvent cost three rows and three completions).
     */
    @Test
    void aSentMessagesEventGetsAPublicationForTheWebhookListenerOnly() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));

        drain();

        assertThat(OutboxRows.row(jdbc, m.id()).get("status")).isEqualTo("sent");
        List<String> listeners = jdbc.queryForList("SELECT listener_id FROM event_publication WHERE serialized_event LIKE ? AND serialized_event LIKE ?",
                String.class, "%gateway.message.sent%", "%" + m.id() + "%");
        assertThat(listeners).hasSize(1);
        assertThat(listeners.getFirst()).contains("WebhookListener");
    }

    @Test
    void noSentCopyWhenTheDomainsServerFilesSentItself() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.SELF_SENT, List.of("bob@example.net"));

        drain();

        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
        assertThat(smtp.count(m.messageId())).isEqualTo(1);
        assertThat(sentFolderCount(m.messageId())).isZero();
        assertThat(OutboxRows.history(jdbc, m.id())).noneMatch(h -> h.contains("copy"));
    }

    @Test
    void aTemporaryFailureIsRetriedAfterABackoffThenSent() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        smtp.answer(Stage.END, "451 4.3.0 try again later", 1);

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("data_sent_at")).as("the 451 proved nothing was accepted").isNull();
        Instant next = ((OffsetDateTime) row.get("next_attempt_at")).toInstant();
        assertThat(next).isBetween(CLOCK.instant().plusSeconds(5), CLOCK.instant().plusSeconds(10));
        assertThat(worker.pollAndWait(30)).as("not due before its backoff").isZero();

        CLOCK.advance(Duration.ofSeconds(11));
        drain();

        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
        assertThat(OutboxRows.row(jdbc, m.id()).get("attempts")).isEqualTo(2);
        assertThat(smtp.count(m.messageId())).isEqualTo(1);
        assertThat(OutboxRows.history(jdbc, m.id()).get(2)).startsWith("queued: attempt 1 message_deferred: 451 4.3.0 try again later");
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithItsReason() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        smtp.answer(Stage.END, "554 5.7.1 message refused", 1);

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("failure_reason")).isEqualTo("rejected_message");
        assertThat(row.get("reply_code")).isEqualTo(554);
        assertThat(row.get("attempts")).isEqualTo(1);
        GatewayEvent failed = events.of("gateway.message.failed", m.id()).getFirst();
        assertThat(failed.webhookType()).isEqualTo("message.failed");
        assertThat(failed.details()).containsEntry("reason", "rejected_message").containsEntry("replyCode", 554);
    }

    @Test
    void everyRecipientRefusedFailsAsRejectedRecipientWithoutData() throws Exception {
        smtp.refuseRecipient("nobody1@example.net", "550 5.1.1 no such user");
        int dataBefore = smtp.dataCommands();
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("nobody1@example.net"));

        drain();

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("failure_reason")).isEqualTo("rejected_recipient");
        assertThat(row.get("reply_code")).isEqualTo(550);
        assertThat(row.get("data_sent_at")).isNull();
        assertThat(smtp.dataCommands()).isEqualTo(dataBefore);
    }

    @Test
    void aPartlyRefusedMessageGoesToTheAcceptedRecipientsAndSaysHowManyWereRefused() throws Exception {
        smtp.refuseRecipient("nobody2@example.net", "550 5.1.1 no such user");
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net", "nobody2@example.net"));

        drain();

        assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
        LoopbackSmtpServer.Received r = smtp.received().stream().filter(x -> x.messageId().equals(m.messageId())).findFirst().orElseThrow();
        assertThat(r.to()).containsExactly("bob@example.net");
        assertThat(OutboxRows.history(jdbc, m.id())).anyMatch(h -> h.startsWith("sent: 1 recipient(s) refused (550)"));
        assertThat(events.of("gateway.message.sent", m.id()).getFirst().details()).containsEntry("refusedRecipients", 1);
    }

    @Test
    void temporaryFailuresEndAsTooManyAttempts() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            smtp.answer(Stage.MAIL, "421 4.7.0 busy", 1);
            drain();
            CLOCK.advance(Duration.ofMinutes(2));
        }

        Map<String, Object> row = OutboxRows.row(jdbc, m.id());
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("failure_reason")).isEqualTo("too_many_attempts");
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat(smtp.count(m.messageId())).isZero();
        assertThat(events.of("gateway.message.failed", m.id())).hasSize(1);
    }

    @Test
    void overTheMailboxsPerMinuteLimitMailWaitsForTheNextMinuteInsteadOfFailing() throws Exception {
        CLOCK.set(CLOCK.instant().truncatedTo(ChronoUnit.MINUTES).plus(5, ChronoUnit.MINUTES).plusSeconds(10));
        List<OutboxRows.Queued> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) five.add(enqueue(TestMailboxes.LIMITED, List.of("bob@example.net")));

        drain();

        assertThat(five.stream().map(m -> OutboxRows.status(jdbc, m.id()))).containsExactlyInAnyOrder(
                "sent", "sent", "sent", "queued", "queued");
        Instant nextMinute = CLOCK.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (OutboxRows.Queued m : five) {
            if (OutboxRows.status(jdbc, m.id()).equals("queued")) {
                assertThat(((OffsetDateTime) OutboxRows.row(jdbc, m.id()).get("next_attempt_at")).toInstant()).isEqualTo(nextMinute);
                assertThat(OutboxRows.row(jdbc, m.id()).get("attempts")).isEqualTo(0);
            }
        }

        CLOCK.advance(Duration.ofMinutes(1));
        drain();

        assertThat(five.stream().map(m -> OutboxRows.status(jdbc, m.id()))).containsOnly("sent");
        assertThat(five.stream().mapToLong(m -> smtp.count(m.messageId()))).containsOnly(1L);
    }

    @Test
    void anAuthenticationRefusalHoldsTheMailboxsMailOnceAndANewPasswordReleasesItExactlyOnce() throws Exception {
        OutboxRows.Queued a = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        OutboxRows.Queued b = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        int failuresBefore = mailboxes.authenticationFailures.get();
        smtp.password("changed-on-the-server");
        try {
            drain();
            CLOCK.advance(Duration.ofMinutes(5));
            drain();

            for (OutboxRows.Queued m : List.of(a, b)) {
                Map<String, Object> row = OutboxRows.row(jdbc, m.id());
                assertThat(row.get("status")).isEqualTo("held");
                assertThat(((OffsetDateTime) row.get("held_until")).toInstant()).isAfter(CLOCK.instant().plus(Duration.ofHours(71)));
                assertThat(events.of("gateway.message.held", m.id())).hasSize(1);
                assertThat(events.of("gateway.message.held", m.id()).getFirst().webhookType()).isEqualTo("message.held");
            }
            assertThat(mailboxes.authenticationFailures.get()).isGreaterThan(failuresBefore);

            smtp.password("secret");
            mailboxes.state(TestMailboxes.MAILBOX, MailboxState.CONNECTED);
            node.getBean(TransactionTemplate.class).executeWithoutResult(s ->
                    node.publishEvent(new MailboxReauthenticated(TestMailboxes.MAILBOX, TestMailboxes.USER)));
            drain();
        } finally {
            smtp.password("secret");
            for (long id : new long[] {TestMailboxes.MAILBOX, TestMailboxes.LIMITED, TestMailboxes.SELF_SENT}) {
                mailboxes.state(id, MailboxState.CONNECTED);
            }
        }

        for (OutboxRows.Queued m : List.of(a, b)) {
            assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("sent");
            assertThat(smtp.count(m.messageId())).isEqualTo(1);
            assertThat(events.of("gateway.message.held", m.id())).hasSize(1);
        }
    }

    @Test
    void heldMailFailsAsMailboxNeedsReauthWhenTheHoldRunsOut() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        mailboxes.state(TestMailboxes.MAILBOX, MailboxState.NEEDS_REAUTH);
        try {
            drain();
            assertThat(OutboxRows.status(jdbc, m.id())).isEqualTo("held");
            CLOCK.advance(Duration.ofHours(73));
            drain();
        } finally {
            mailboxes.state(TestMailboxes.MAILBOX, MailboxState.CONNECTED);
        }
        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "failed").containsEntry("failure_reason", "mailbox_needs_reauth");
        assertThat(events.of("gateway.message.failed", m.id()).getFirst().details()).containsEntry("reason", "mailbox_needs_reauth");
    }

    @Test
    void mailForADisabledMailboxFailsWithoutAnSmtpSession() throws Exception {
        OutboxRows.Queued m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
        mailboxes.state(TestMailboxes.MAILBOX, MailboxState.DISABLED);
        int sessions = mailboxes.smtpSessions.get();
        try {
            drain();
        } finally {
            mailboxes.state(TestMailboxes.MAILBOX, MailboxState.CONNECTED);
        }
        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "failed").containsEntry("failure_reason", "mailbox_disabled");
        assertThat(mailboxes.smtpSessions.get()).isEqualTo(sessions);
    }

    /** An operator switched the owner's API access off: nothing of theirs is sent, nothing is lost; on again, it goes. */
    @Test
    void mailOfAUserWhoseApiAccessIsSwitchedOffWaitsAndIsSentWhenItIsOnAgain() throws Exception {
        jdbc.update("MERGE INTO users (id, address, created_at, last_sign_in_at) KEY (id) VALUES (?, ?, ?, ?)",
                TestMailboxes.USER, FROM, java.sql.Timestamp.from(CLOCK.instant()), java.sql.Timestamp.from(CLOCK.instant()));
        jdbc.update("INSERT INTO gateway_user_access (user_id, disabled_at, disabled_by) VALUES (?, ?, 'op')",
                TestMailboxes.USER, java.sql.Timestamp.from(CLOCK.instant()));
        OutboxRows.Queued m;
        int sessions = mailboxes.smtpSessions.get();
        try {
            m = enqueue(TestMailboxes.MAILBOX, List.of("bob@example.net"));
            drain();
            assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "queued");
            assertThat(mailboxes.smtpSessions.get()).isEqualTo(sessions);
        } finally {
            jdbc.update("DELETE FROM gateway_user_access WHERE user_id = ?", TestMailboxes.USER);
        }
        drain();
        assertThat(OutboxRows.row(jdbc, m.id())).containsEntry("status", "sent");
    }

    @Test
    void neitherTheBodyNorARecipientAppearsInLogsHistoryOrEvents(CapturedOutput output) throws Exception {
        OutboxRows.Queued sent = enqueue(TestMailboxes.MAILBOX, List.of(CANARY_RCPT));
        smtp.answer(Stage.END, "451 4.3.0 try again later", 1);
        drain();
        CLOCK.advance(Duration.ofMinutes(2));
        drain();
        smtp.refuseRecipient("x" + CANARY_RCPT, "550 5.1.1 no such user");
        OutboxRows.Queued refused = enqueue(TestMailboxes.MAILBOX, List.of("x" + CANARY_RCPT));
        drain();

        assertThat(OutboxRows.status(jdbc, sent.id())).isEqualTo("sent");
        assertThat(OutboxRows.status(jdbc, refused.id())).isEqualTo("failed");
        assertThat(output.getAll()).contains(sent.id()).doesNotContain(CANARY_BODY).doesNotContain(CANARY_RCPT);
        assertThat(events.events.toString()).doesNotContain(CANARY_BODY).doesNotContain(CANARY_RCPT);
        assertThat(OutboxRows.history(jdbc, sent.id()).toString()).doesNotContain(CANARY_BODY).doesNotContain(CANARY_RCPT);
        assertThat(jdbc.queryForList("SELECT CAST(content AS VARCHAR(100000)) FROM outbox_messages", String.class).toString())
                .doesNotContain(CANARY_BODY);
    }

    private static OutboxRows.Queued enqueue(long mailboxId, List<String> to) {
        return OutboxRows.enqueue(store, mailboxId, FROM, to, "Hello " + CANARY_BODY, CLOCK.instant());
    }

    /** Polls until a poll starts nothing (each poll waits for its attempts). */
    private static void drain() throws Exception {
        for (int i = 0; i < 20 && worker.pollAndWait(60) > 0; i++) {
            // keep polling
        }
    }

    private static long sentFolderCount(String messageId) throws Exception {
        Store s = greenMail.imap(FROM, "secret");
        try {
            Folder sent = s.getFolder("Sent");
            sent.open(Folder.READ_ONLY);
            long n = 0;
            for (Message msg : sent.getMessages()) {
                String[] ids = msg.getHeader("Message-ID");
                if (ids != null && Arrays.asList(ids).contains("<" + messageId + ">")) n++;
            }
            sent.close(false);
            return n;
        } finally {
            s.close();
        }
    }
}

package org.vaultmail.push;

import org.vaultmail.testing.EventStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Push on a real Dovecot through the whole app: bob signs in, opens {@code /api/v1/events}, alice sends him ten
 * messages by SMTP (Postfix, LMTP into Dovecot); each must arrive as a {@code new} event with its UID within 5 s.
 * Prints the time from the start of the SMTP submission to the event (docs/benchmarks.md, "Push").
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PushLatencyDovecotTest {

    static final int ROUNDS = 10;
    static final Duration WITHIN = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            String data = Files.createTempDirectory("vaultmail-push-dovecot-").toString();
            registry.add("vaultmail.data-dir", () -> data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @LocalServerPort
    int port;

    @Test
    void mailSentBySmtpReachesTheEventStreamWithinSeconds() throws Exception {
        Reply signedIn = new HttpCalls(port).send("POST", "/api/v1/sessions",
                HttpCalls.json("address", DovecotFixture.BOB, "password", DovecotFixture.BOB_PASSWORD));
        assertThat(signedIn.status()).isEqualTo(201);
        String token = signedIn.json().get("accessToken").asString();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> millis = new ArrayList<>();
        List<Long> submits = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        try (EventStream events = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token);
             Store inspector = DovecotFixture.get().imaps(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD);
             Store poller = DovecotFixture.get().imaps(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD)) {
            assertThat(events.status).isEqualTo(200);
            events.await(WITHIN, e -> e.name().equals("counts"));
            for (int i = 0; millis.size() < ROUNDS && i < 3 * ROUNDS; i++) {
                String subject = "latency-" + UUID.randomUUID();
                long start = System.nanoTime();
                // a second connection polls SEARCH every 20 ms: when could any client first have seen it?
                java.util.concurrent.Future<Long> seen = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                        .submit(() -> firstSeen(poller, subject, start));
                send(subject);
                long submitted = (System.nanoTime() - start) / 1_000_000;
                long elapsed = awaitNew(events, inspector, subject, start);
                if (elapsed >= 0) {
                    millis.add(elapsed);
                    submits.add(submitted);
                    visible.add(seen.get());
                }
            }
        }
        assertThat(millis).hasSize(ROUNDS);
        List<Long> sorted = millis.stream().sorted().toList();
        double median = (sorted.get(ROUNDS / 2 - 1) + sorted.get(ROUNDS / 2)) / 2.0;
        System.out.printf("PUSH-LATENCY SMTP submission -> SSE new event on Dovecot, %d rounds: median %.0f ms, min %d ms, "
                + "max %d ms, all %s; SMTP submission done %s ms; first visible to a polling client %s ms%n", ROUNDS, median,
                sorted.getFirst(), sorted.getLast(), millis, submits, visible);
        assertThat(sorted.getLast()).isLessThanOrEqualTo(WITHIN.toMillis());
    }

    /**
     * Milliseconds from {@code start} to the {@code new} event carrying the UID of the message with {@code subject};
     * -1 if the message vanished (another test JVM re-seeded the shared Dovecot meanwhile): that round is repeated.
     */
    private static long awaitNew(EventStream events, Store inspector, String subject, long start) throws Exception {
        while (true) {
            EventStream.Event event;
            try {
                event = events.await(WITHIN, e -> e.name().equals("new"));
            } catch (AssertionError timedOut) {
                if (uidOf(inspector, subject) < 0) return -1;
                throw timedOut;
            }
            assertThat(event).isNotSameAs(EventStream.END);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            long uid = uidOf(inspector, subject);
            for (JsonNode u : event.json().get("uids")) if (u.asLong() == uid) return elapsed;
            // another test's message for bob: keep waiting for ours
        }
    }

    /** Milliseconds from {@code start} until a search finds the message (polling every 20 ms, 5 s at most). */
    private static long firstSeen(Store poller, String subject, long start) throws Exception {
        long deadline = start + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (uidOf(poller, subject) > 0) return (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(20); // measures latency at 20 ms resolution: no Await
        }
        return -1;
    }

    private static long uidOf(Store inspector, String subject) throws MessagingException {
        Folder inbox = inspector.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        try {
            Message[] found = inbox.search(new SubjectTerm(subject));
            return found.length == 0 ? -1 : ((UIDFolder) inbox).getUID(found[0]);
        } finally {
            inbox.close(false);
        }
    }

    private static void send(String subject) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", DovecotFixture.HOST);
        props.setProperty("mail.smtp.port", Integer.toString(DovecotFixture.SMTP_PORT));
        props.setProperty("mail.smtp.auth", "true");
        props.setProperty("mail.smtp.connectiontimeout", "5000");
        props.setProperty("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(DovecotFixture.ALICE));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(DovecotFixture.BOB));
        message.setSubject(subject);
        message.setText("Latency probe");
        Transport.send(message, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
    }
}

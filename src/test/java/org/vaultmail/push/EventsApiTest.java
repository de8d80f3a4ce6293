package org.vaultmail.push;

import org.vaultmail.testing.Await;
import org.vaultmail.testing.EventStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.mail.FolderWatcher;
import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.TcpConnections;

/**
 * {@code /api/v1/events} through the whole app (H2, GreenMail, HTTP): signed in with a bearer token or with the
 * browser's cookies, a message delivered during the test arrives as a {@code new} event with its UID; revoking
 * the session ends the stream; a closed stream closes its IMAP connection.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsApiTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Path data;
        try {
            data = Files.createTempDirectory("vaultmail-push-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.data-dir", data::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.mail.push.stream.keep-alive", () -> "1s");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @AfterAll
    static void stopMail() {
        MAIL.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    FolderWatcher watcher;

    @Autowired
    SessionStreams streams;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String newUser() {
        String address = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, "push-pw");
        return address;
    }

    String bearerToken(String address) {
        Reply reply = new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "push-pw"));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("accessToken").asString();
    }

    @Test
    void newMailDeliveredDuringTheTestArrivesOverTheBearerStream() throws Exception {
        String address = newUser();
        try (EventStream events = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + bearerToken(address))) {
            assertThat(events.status).isEqualTo(200);
            assertThat(events.contentType).startsWith("text/event-stream");
            EventStream.Event counts = events.await(WITHIN, e -> e.name().equals("counts"));
            assertThat(counts.json().get("path").asString()).isEqualTo("INBOX");
            assertThat(counts.json().get("total").asInt()).isZero();

            String subject = "live-" + UUID.randomUUID();
            deliver(address, subject);

            EventStream.Event arrived = events.await(WITHIN, e -> e.name().equals("new"));
            assertThat(arrived.json().get("folder").asString()).isEqualTo("INBOX");
            assertThat(arrived.json().get("uids").get(0).asLong()).isEqualTo(uidOf(address, subject));
            EventStream.Event after = events.await(WITHIN, e -> e.name().equals("counts"));
            assertThat(after.json().get("total").asInt()).isEqualTo(1);
            assertThat(after.json().get("unread").asInt()).isEqualTo(1);
            assertThat(String.join("\n", events.raw)).doesNotContain("push-pw").doesNotContain(subject)
                    .contains("retry:5000");
            events.awaitLine(WITHIN, ":keep-alive"); // every second here
        }
    }

    @Test
    void theCookieSignedInBrowserGetsTheSameEvents() throws Exception {
        String address = newUser();
        String cookies = signInWithForm(address);
        try (EventStream events = EventStream.open(client, port, "/api/v1/events?folder=inbox", "Cookie", cookies)) {
            assertThat(events.status).isEqualTo(200);
            events.await(WITHIN, e -> e.name().equals("counts"));
            String subject = "cookie-" + UUID.randomUUID();
            deliver(address, subject);
            EventStream.Event arrived = events.await(WITHIN, e -> e.name().equals("new"));
            assertThat(arrived.json().get("uids").get(0).asLong()).isEqualTo(uidOf(address, subject));
        }
    }

    @Test
    void revokingTheSessionEndsTheStream() throws Exception {
        String address = newUser();
        String token = bearerToken(address);
        try (EventStream events = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token)) {
            events.await(WITHIN, e -> e.name().equals("counts"));
            Reply logout = new HttpCalls(port).send("DELETE", "/api/v1/sessions/current", null, "Authorization", "Bearer " + token);
            assertThat(logout.status()).isEqualTo(204);

            EventStream.Event ended = events.await(WITHIN, e -> e.name().equals("ended"));
            assertThat(ended.json().get("reason").asString()).isEqualTo("access-lost");
            assertThat(events.ended(WITHIN)).isTrue();
        }
        assertThat(EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token).status).isEqualTo(401);
    }

    @Test
    void closingTheStreamClosesTheImapConnection() throws Exception {
        String address = newUser();
        String token = bearerToken(address);
        awaitNoWatches();
        int before = imapConnections();
        EventStream events = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token);
        events.await(WITHIN, e -> e.name().equals("counts"));
        assertThat(imapConnections()).isEqualTo(before + 1);

        events.close(); // the client goes away; the next keep-alive (1 s here) finds out

        awaitNoWatches();
        Await.until("the watch's IMAP connection to close", WITHIN, EventsApiTest::imapConnections, n -> n <= before);
        assertThat(imapConnections()).isEqualTo(before);
        assertThat(streams.watchedSessions()).isZero();
    }

    @Test
    void aStreamForAnotherFolderReplacesTheSessionsWatch() throws Exception {
        String address = newUser();
        try (Store store = MAIL.imap(address, "push-pw")) {
            store.getFolder("Projects").create(Folder.HOLDS_MESSAGES);
        }
        String token = bearerToken(address);
        try (EventStream inbox = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token)) {
            inbox.await(WITHIN, e -> e.name().equals("counts"));
            try (EventStream projects = EventStream.open(client, port, "/api/v1/events?folder=Projects", "Authorization", "Bearer " + token)) {
                EventStream.Event replaced = inbox.await(WITHIN, e -> e.name().equals("ended"));
                assertThat(replaced.json().get("reason").asString()).isEqualTo("replaced");
                assertThat(projects.await(WITHIN, e -> e.name().equals("counts") && e.data().contains("\"Projects\"")).json()
                        .get("total").asInt()).isZero();
                assertThat(projects.await(WITHIN, e -> e.name().equals("counts") && e.data().contains("\"INBOX\""))).isNotNull();
            }
        }
    }

    @Test
    void twoTabsOfOneSessionOnTheSameFolderShareOneWatch() throws Exception {
        String address = newUser();
        String token = bearerToken(address);
        awaitNoWatches();
        try (EventStream first = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token);
             EventStream second = EventStream.open(client, port, "/api/v1/events?folder=INBOX", "Authorization", "Bearer " + token)) {
            first.await(WITHIN, e -> e.name().equals("counts"));
            second.await(WITHIN, e -> e.name().equals("counts")); // the joining tab gets the known counts at once
            assertThat(watcher.activeWatches()).isEqualTo(1);

            String subject = "tabs-" + UUID.randomUUID();
            deliver(address, subject);
            long uid = uidOf(address, subject);
            assertThat(first.await(WITHIN, e -> e.name().equals("new")).json().get("uids").get(0).asLong()).isEqualTo(uid);
            assertThat(second.await(WITHIN, e -> e.name().equals("new")).json().get("uids").get(0).asLong()).isEqualTo(uid);
        }
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void shutdownEndsOpenStreamsAndTheirWatches() throws Exception {
        String address = newUser();
        try (EventStream events = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + bearerToken(address))) {
            events.await(WITHIN, e -> e.name().equals("counts"));

            streams.stop(); // what the context's lifecycle does first at shutdown, before the web server drains

            assertThat(events.await(WITHIN, e -> e.name().equals("ended")).json().get("reason").asString()).isEqualTo("shutdown");
            assertThat(events.ended(WITHIN)).isTrue();
            awaitNoWatches();
        }
    }

    @Test
    void withoutSignInTheStreamIsRefused() throws Exception {
        assertThat(EventStream.open(client, port, "/api/v1/events").status).isEqualTo(401);
    }

    private void awaitNoWatches() {
        Await.until("no active watch", WITHIN, watcher::activeWatches, w -> w == 0);
    }

    /** Signs in through the form, as a browser does; returns the Cookie header. */
    private String signInWithForm(String address) {
        HttpCalls http = new HttpCalls(port);
        Map<String, String> jar = new LinkedHashMap<>();
        Reply form = keep(jar, http.get("/signin"));
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        Reply signedIn = keep(jar, http.form("/signin", Map.of("address", address, "password", "push-pw", "_csrf", csrf.group(1)),
                "Cookie", cookieHeader(jar)));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(jar).containsKey("__Host-vm-access").containsKey("__Host-vm-unseal");
        return cookieHeader(jar);
    }

    private static Reply keep(Map<String, String> jar, Reply reply) {
        return CookieJars.keep(jar, reply);
    }

    private static String cookieHeader(Map<String, String> jar) {
        return CookieJars.header(jar);
    }

    /** Delivers to the user's INBOX by GreenMail's SMTP server. */
    private static void deliver(String address, String subject) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", GreenMailFixture.HOST);
        props.setProperty("mail.smtp.port", Integer.toString(MAIL.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("sender@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
        message.setSubject(subject);
        message.setText("Live mail");
        jakarta.mail.Transport.send(message);
    }

    private static long uidOf(String address, String subject) throws MessagingException {
        try (Store store = MAIL.imap(address, "push-pw")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] found = inbox.search(new SubjectTerm(subject));
            assertThat(found).hasSize(1);
            return ((UIDFolder) inbox).getUID(found[0]);
        }
    }

    private static int imapConnections() {
        return TcpConnections.to(MAIL.imapPort());
    }
}

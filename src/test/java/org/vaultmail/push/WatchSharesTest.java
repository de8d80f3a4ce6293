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
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.mail.FolderWatcher;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Push watches are shared fairly (issue 12 item 8, ADR 0029): one user with many sessions holds at most
 * {@code max-watches-per-user} of the node's watches; a further stream of theirs ends their own oldest
 * ({@code ended: replaced}), so another user still gets one.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WatchSharesTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final Duration WITHIN = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Path data;
        try {
            data = Files.createTempDirectory("vaultmail-watch-shares-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.data-dir", data::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.mail.push.max-watches", () -> "3");
        registry.add("vaultmail.mail.push.max-watches-per-user", () -> "2");
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

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void oneUsersManySessionsNeverTakeEveryWatchAndTheirOldestMakesRoom() throws Exception {
        String alice = newUser();
        String bob = newUser();
        try (EventStream first = stream(bearerToken(alice));
             EventStream second = stream(bearerToken(alice))) {
            try (EventStream third = stream(bearerToken(alice))) {
                EventStream.Event ended = first.await(WITHIN, e -> e.name().equals("ended"));
                assertThat(ended).as("alice's oldest stream ends").isNotEqualTo(EventStream.END);
                assertThat(ended.json().get("reason").asString()).isEqualTo("replaced");
                assertThat(first.ended(WITHIN)).isTrue();
                awaitWatches(2);

                EventStream fourth = stream(bearerToken(bob));
                try (fourth) {
                    assertThat(fourth.status).as("bob still gets a watch").isEqualTo(200);
                    assertThat(watcher.activeWatches()).isEqualTo(3);
                }
                assertThat(second.raw).as("alice's newer streams go on").noneMatch(l -> l.contains("ended"));
                assertThat(third.raw).noneMatch(l -> l.contains("ended"));
            }
        }
    }

    private EventStream stream(String token) throws Exception {
        EventStream events = EventStream.open(client, port, "/api/v1/events", "Authorization", "Bearer " + token);
        if (events.status == 200) events.await(WITHIN, e -> e.name().equals("counts"));
        return events;
    }

    private void awaitWatches(int n) {
        Await.until(n + " active watches", WITHIN, watcher::activeWatches, w -> w == n);
    }

    static String newUser() {
        String address = "w" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, "watch-pw");
        return address;
    }

    String bearerToken(String address) {
        Reply reply = new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "watch-pw"));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("accessToken").asString();
    }
}

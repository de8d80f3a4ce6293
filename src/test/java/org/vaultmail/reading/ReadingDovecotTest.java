package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The reading API against the real Dovecot over IMAPS: SPECIAL-USE roles, a "/"-delimited folder addressed
 * as one encoded segment, server-side SORT across pages, and a seeded message opened.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingDovecotTest {

    @LocalServerPort
    int port;

    HttpCalls http;
    String token;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-reading-dovecot-");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @BeforeAll
    void signIn() {
        http = new HttpCalls(port);
        token = ApiTestApp.signIn(http, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
    }

    Reply get(String path) {
        return http.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void foldersCarryRolesAndTheSlashDelimitedArchive() {
        JsonNode folders = get("/api/v1/folders").json();
        boolean archive2024 = false;
        boolean inbox = false;
        for (JsonNode f : folders) {
            if (f.get("path").asString().equals("Archive/2024")) {
                archive2024 = true;
                assertThat(f.get("name").asString()).isEqualTo("2024");
                assertThat(f.get("total").asInt()).isEqualTo(1500);
            }
            if (f.get("path").asString().equals("INBOX")) {
                inbox = true;
                assertThat(f.get("role").asString()).isEqualTo("inbox");
            }
        }
        assertThat(archive2024).isTrue();
        assertThat(inbox).isTrue();
    }

    @Test
    void pagesOfAnEncodedFolderPathAreSortedByTheServer() {
        JsonNode first = get("/api/v1/folders/Archive%2F2024/messages?limit=50").json();
        assertThat(first.get("total").asInt()).isEqualTo(1500);
        assertThat(first.get("messages")).hasSize(50);
        JsonNode second = get("/api/v1/folders/Archive%2F2024/messages?offset=50&limit=50").json();
        String lastOfFirst = first.get("messages").get(49).get("date").asString();
        String firstOfSecond = second.get("messages").get(0).get("date").asString();
        assertThat(firstOfSecond.compareTo(lastOfFirst)).as("newest first across pages").isLessThanOrEqualTo(0);

        JsonNode bySize = get("/api/v1/folders/Archive%2F2024/messages?sort=size&order=asc&limit=20").json();
        long previous = 0;
        for (JsonNode m : bySize.get("messages")) {
            assertThat(m.get("size").asLong()).isGreaterThanOrEqualTo(previous);
            previous = m.get("size").asLong();
        }
    }

    @Test
    void searchesWithTheServer() {
        JsonNode first = get("/api/v1/folders/Archive%2F2024/messages?limit=1").json().get("messages").get(0);
        String word = first.get("subject").asString().split("\\s+")[0];
        String sender = first.get("from").get("address").asString();
        String local = sender.substring(0, sender.indexOf('@'));
        JsonNode hits = get("/api/v1/folders/Archive%2F2024/messages?q="
                + java.net.URLEncoder.encode("subject:\"" + word + "\" from:" + local, java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(hits.get("total").asInt()).isPositive().isLessThan(1500);
        for (JsonNode m : hits.get("messages")) {
            assertThat(m.get("subject").asString()).containsIgnoringCase(word);
            assertThat(m.get("from").get("address").asString()).containsIgnoringCase(local);
        }
        JsonNode everywhere = get("/api/v1/search?limit=10&q=" + java.net.URLEncoder.encode("subject:\"" + word + "\"",
                java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(everywhere.get("total").asInt()).isGreaterThanOrEqualTo(hits.get("total").asInt());
        assertThat(everywhere.get("messages").size()).isLessThanOrEqualTo(10);
        String previous = null;
        for (JsonNode m : everywhere.get("messages")) {
            assertThat(m.get("folder").asString()).isNotBlank();
            if (previous != null && !m.get("date").isNull()) assertThat(m.get("date").asString()).isLessThanOrEqualTo(previous);
            if (!m.get("date").isNull()) previous = m.get("date").asString();
        }
    }

    @Test
    void opensAMessage() {
        JsonNode first = get("/api/v1/folders/INBOX/messages?limit=1").json().get("messages").get(0);
        JsonNode message = get("/api/v1/folders/INBOX/messages/" + first.get("uid").asLong()).json();
        assertThat(message.get("subject").asString()).isEqualTo(first.get("subject").asString());
        assertThat(message.get("text").isNull() && message.get("html").isNull()).as("some body").isFalse();
        if (!message.get("html").isNull()) assertThat(message.get("html").asString()).doesNotContainIgnoringCase("<script");
    }
}

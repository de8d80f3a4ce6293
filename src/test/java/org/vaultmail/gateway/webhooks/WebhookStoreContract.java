package org.vaultmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;

/** Endpoints, sealed secrets and the delivery queue on a real database (H2, PostgreSQL) with the real migrations. */
abstract class WebhookStoreContract {

    @TempDir
    Path dataDir;

    TestDatabase db;
    SingleConnectionDataSource dataSource;
    JdbcClient jdbc;
    Vault vault = Vault.inMemory();
    WebhookEndpoints endpoints;
    WebhookDeliveries deliveries;
    long alice;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind(), dataDir);
        boolean h2 = kind() == TestDatabase.Kind.H2;
        dataSource = new SingleConnectionDataSource(db.jdbcUrl(), h2 ? "sa" : TestDatabase.POSTGRES_USER, "", true);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (!h2) flyway.schemas(db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length()));
        flyway.load().migrate();
        jdbc = JdbcClient.create(dataSource);
        endpoints = new WebhookEndpoints(jdbc, vault);
        deliveries = new WebhookDeliveries(jdbc);
        jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES ('alice@example.test', ?, ?)")
                .params(WebhookEndpoints.at(now), WebhookEndpoints.at(now)).update();
        alice = jdbc.sql("SELECT id FROM users WHERE address = 'alice@example.test'").query(Long.class).single();
    }

    @AfterEach
    void tearDown() {
        if (dataSource != null) dataSource.destroy();
        if (db != null) db.close();
    }

    @Test
    void theSecretIsSealedAndOpensToTheSameBytesAndRotationKeepsTheOldOneForTheOverlap() {
        try (Secret first = WebhookSecrets.generate(); Secret second = WebhookSecrets.generate()) {
            long id = endpoints.create(alice, "https://hooks.example.com/a", List.of("message.sent"), first, now);
            WebhookEndpoints.Endpoint endpoint = endpoints.find(alice, id).orElseThrow();
            byte[] stored = jdbc.sql("SELECT secret FROM webhook_endpoints WHERE id = ?").param(id).query(byte[].class).single();
            assertThat(indexOf(stored, first.revealBytes())).as("sealed, not in clear").isNegative();
            assertThat(opened(endpoint, now)).containsExactly(WebhookSecrets.display(first));

            endpoints.rotate(endpoint, second, now.plus(Duration.ofHours(1)));
            assertThat(opened(endpoint, now)).containsExactly(WebhookSecrets.display(second), WebhookSecrets.display(first));
            assertThat(opened(endpoint, now.plus(Duration.ofHours(2)))).containsExactly(WebhookSecrets.display(second));
            assertThat(endpoints.purgePreviousSecrets(now.plus(Duration.ofHours(2)))).isEqualTo(1);
        }
    }

    @Test
    void anEventIsQueuedOncePerEndpointAndEachAttemptIsClaimedByOneNode() {
        long id;
        try (Secret secret = WebhookSecrets.generate()) {
            id = endpoints.create(alice, "https://hooks.example.com/a", List.of("message.sent"), secret, now);
        }
        assertThat(deliveries.add(id, alice, "key-1", "message.sent", "{}", now)).isTrue();
        assertThat(deliveries.add(id, alice, "key-1", "message.sent", "{}", now)).as("a republished event").isFalse();
        List<WebhookDeliveries.Due> due = deliveries.due(now, 10);
        assertThat(due).hasSize(1);
        assertThat(deliveries.claim(due.getFirst(), now.plusSeconds(60))).isTrue();
        assertThat(deliveries.claim(due.getFirst(), now.plusSeconds(60))).as("the other node").isFalse();
        assertThat(deliveries.due(now, 10)).as("leased").isEmpty();
        deliveries.retryAt(due.getFirst().id(), now.plusSeconds(5));
        deliveries.logAttempt(due.getFirst().id(), 1, now, 500, 12, null);
        assertThat(deliveries.due(now.plusSeconds(5), 10)).singleElement()
                .satisfies(d -> assertThat(d.messageId()).isEqualTo(due.getFirst().messageId()));
        assertThat(deliveries.recent(id, 5)).singleElement().satisfies(l -> {
            assertThat(l.responseCode()).isEqualTo(500);
            assertThat(l.status()).isEqualTo("pending");
        });

        assertThat(endpoints.disable(id, "gone", now)).isTrue();
        assertThat(endpoints.disable(id, "gone", now)).isFalse();
        assertThat(deliveries.due(now.plusSeconds(5), 10)).as("disabled endpoints get nothing").isEmpty();
        assertThat(deliveries.cancelPending(id, now)).isEqualTo(1);
        assertThat(deliveries.purgeFinished(now.plusSeconds(1))).isEqualTo(1);
        assertThat(deliveries.recent(id, 5)).isEmpty();
    }

    private List<String> opened(WebhookEndpoints.Endpoint endpoint, Instant at) {
        List<Secret> secrets = endpoints.signingSecrets(endpoint, at);
        try {
            return secrets.stream().map(WebhookSecrets::display).toList();
        } finally {
            secrets.forEach(Secret::close);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        return -1;
    }
}

package org.vaultmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.BearerCredentials;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.apikeys.ApiKeyAuthentication;
import org.vaultmail.gateway.apikeys.ApiKeyGrant;
import org.vaultmail.gateway.apikeys.ApiScope;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: the app on H2 with a settable clock posts to a loopback receiver (allowed-internal), and an
 * independent verifier written from the spec checks every signature. Retries are driven by moving the clock.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({AuthAppTestSupport.ClockConfig.class, WebhookDeliveryTest.Support.class})
@ExtendWith(OutputCaptureExtension.class)
class WebhookDeliveryTest extends AuthAppTestSupport {

    static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    static final String CANARY = "Webhook-Canary-5e1f09";
    static final String PASSWORD = "imap-pw-webhooks";

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.gateway.webhooks.allowed-internal[0]", () -> "127.0.0.1:" + RECEIVER.port());
        registry.add("vaultmail.gateway.webhooks.retry-schedule", () -> "0s,10s,1m,10m");
        registry.add("vaultmail.gateway.webhooks.disable-after", () -> "2h");
        registry.add("vaultmail.gateway.webhooks.secret-overlap", () -> "1h");
        registry.add("vaultmail.gateway.webhooks.read-timeout", () -> "3s");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Support {
        @Bean
        GatewayEvents gatewayEvents() {
            return new GatewayEvents();
        }

        /** Test-only API keys: {@code vmktest_<userId>_<scope>+…}, standing in for the API key feature's bean. */
        @Bean
        BearerCredentials testApiKeys(JdbcClient jdbc) {
            return new BearerCredentials() {
                @Override
                public boolean recognises(String token) {
                    return token.startsWith("vmktest_");
                }

                @Override
                public RequestMatcher paths() {
                    return PathPatternRequestMatcher.pathPattern("/api/v1/webhooks/**");
                }

                @Override
                public String wrongPlace() {
                    return "API keys are for the gateway's API only.";
                }

                @Override
                public Optional<Authentication> authenticate(String token, HttpServletRequest request) {
                    String[] parts = token.split("_");
                    long userId = Long.parseLong(parts[1]);
                    String address = jdbc.sql("SELECT address FROM users WHERE id = ?").param(userId).query(String.class).single();
                    Set<ApiScope> scopes = new java.util.HashSet<>();
                    for (String s : parts[2].split("\\+")) ApiScope.of(s).ifPresent(scopes::add);
                    return Optional.of(new ApiKeyAuthentication(new ApiKeyGrant(1, userId, address, "vmktest", scopes, null)));
                }
            };
        }
    }

    static final class GatewayEvents {
        final List<GatewayEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(GatewayEvent e) {
            events.add(e);
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    GatewayEvents gatewayEvents;

    record User(String address, long id, String auth) {
        /** A test API key with the webhooks scope: unlike the access token, it does not expire when the clock moves. */
        String key() {
            return "Bearer vmktest_" + id + "_webhooks";
        }
    }

    User user() {
        String address = newUser(PASSWORD);
        String token = signIn(address, PASSWORD).json().get("accessToken").asString();
        long id = jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
        return new User(address, id, bearer(token));
    }

    record Endpoint(long id, String secret, String path) {
    }

    Endpoint register(User user, String... events) {
        String path = "/hook-" + UUID.randomUUID();
        Reply created = http().send("POST", "/api/v1/webhooks", HttpCalls.json("url", RECEIVER.url(path), "events", List.of(events)),
                "Authorization", user.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Endpoint(created.json().get("id").asLong(), created.json().get("secret").asString(), path);
    }

    void publish(User user, String type, Map<String, Object> details) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> publisher.publishEvent(GatewayEvent.bySystem(
                "gateway." + type, user.id(), "message:" + UUID.randomUUID(), "success", details, type, clock.instant())));
    }

    List<WebhookReceiver.Received> awaitReceived(Endpoint endpoint, int n) {
        Await.until(n + " deliveries at " + endpoint.path(), Duration.ofSeconds(20), () -> RECEIVER.at(endpoint.path()).size() >= n);
        return RECEIVER.at(endpoint.path());
    }

    /** Waits until {@code n} attempts are logged (the log entry is written after the outcome is settled). */
    void awaitAttempts(Endpoint endpoint, int n) {
        Await.until(n + " attempts logged", Duration.ofSeconds(20), () -> jdbc.sql("""
                SELECT COUNT(*) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ?""")
                .param(endpoint.id()).query(Long.class).single() >= n);
    }

    boolean verifies(String secret, WebhookReceiver.Received r) {
        return new StandardWebhooksVerifier(secret).verify(r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body(), clock.instant().getEpochSecond());
    }

    @Test
    void aSubscribedEventArrivesSignedAsTheSpecSaysWithoutCredentialsOrBodies() {
        User alice = user();
        Endpoint endpoint = register(alice, "message.sent");
        publish(alice, "message.failed", Map.of("reason", "not subscribed"));
        publish(alice, "message.sent", Map.of("messageId", "m1@example.test", "replyCode", 250, "password", CANARY,
                "body", CANARY, "mime", CANARY));
        WebhookReceiver.Received r = awaitReceived(endpoint, 1).getFirst();
        assertThat(verifies(endpoint.secret(), r)).isTrue();
        assertThat(r.header("webhook-id")).startsWith("msg_");
        assertThat(Long.parseLong(r.header("webhook-timestamp"))).isEqualTo(clock.instant().getEpochSecond());
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.body()).contains("\"type\":\"message.sent\"", "\"messageId\":\"m1@example.test\"", "\"replyCode\":250")
                .doesNotContain(CANARY);
        awaitAttempts(endpoint, 1);
        assertThat(RECEIVER.at(endpoint.path())).as("message.failed is not subscribed").hasSize(1);
    }

    @Test
    void aFailedAttemptIsRetriedOnTheScheduleWithTheSameWebhookIdThenSucceeds() {
        User alice = user();
        Endpoint endpoint = register(alice, "message.sent");
        RECEIVER.answer(endpoint.path(), 500);
        publish(alice, "message.sent", Map.of("messageId", "retry@example.test"));
        awaitAttempts(endpoint, 1);
        dispatcher.deliverDue();
        assertThat(RECEIVER.at(endpoint.path())).as("not before the schedule's 10 s").hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        dispatcher.deliverDue();
        List<WebhookReceiver.Received> both = awaitReceived(endpoint, 2);
        assertThat(both.get(1).header("webhook-id")).isEqualTo(both.get(0).header("webhook-id"));
        assertThat(both.get(1).header("webhook-timestamp")).isNotEqualTo(both.get(0).header("webhook-timestamp"));
        assertThat(verifies(endpoint.secret(), both.get(1))).isTrue();
        awaitAttempts(endpoint, 2);
        JsonNode detail = http().get("/api/v1/webhooks/" + endpoint.id(), "Authorization", alice.auth()).json();
        JsonNode delivery = detail.get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("responseCode").asInt()).isEqualTo(204);
        assertThat(delivery.get("webhookId").asString()).isEqualTo(both.get(0).header("webhook-id"));
        assertThat(detail.get("enabled").asBoolean()).isTrue();
        assertThat(detail.get("failingSince").isNull()).as("a success ends the failing time").isTrue();
    }

    @Test
    void redirectsAreNotFollowedAndASlowReceiverTimesOutBothRetried() {
        User alice = user();
        Endpoint redirecting = register(alice, "message.held");
        Endpoint slow = register(alice, "message.held");
        RECEIVER.answer(redirecting.path(), 307);
        RECEIVER.answer(slow.path(), WebhookReceiver.SLOW);
        publish(alice, "message.held", Map.of("reason", "needs_reauth"));
        awaitAttempts(redirecting, 1);
        awaitAttempts(slow, 1);
        assertThat(RECEIVER.at(redirecting.path() + "-redirected")).as("the redirect is not followed").isEmpty();
        JsonNode redirected = http().get("/api/v1/webhooks/" + redirecting.id(), "Authorization", alice.auth()).json()
                .get("deliveries").get(0);
        assertThat(redirected.get("status").asString()).isEqualTo("pending");
        assertThat(redirected.get("responseCode").asInt()).isEqualTo(307);
        JsonNode timedOut = http().get("/api/v1/webhooks/" + slow.id(), "Authorization", alice.auth()).json()
                .get("deliveries").get(0);
        assertThat(timedOut.get("status").asString()).isEqualTo("pending");
        assertThat(timedOut.get("error").asString()).isEqualTo("timeout");
        assertThat(timedOut.get("durationMs").asInt()).isLessThan(5_500);
    }

    @Autowired
    org.vaultmail.vault.KeyManagement keys;

    @Test
    void keysRewrapCoversBothSecretColumnsAndDeliveriesStillVerifyAfterwards() {
        assertThat(keys.columns()).contains(WebhookEndpoints.SECRET, WebhookEndpoints.PREVIOUS_SECRET);
        User alice = user();
        Endpoint endpoint = register(alice, "mailbox.connected");
        http().send("POST", "/api/v1/webhooks/" + endpoint.id() + "/rotate-secret", null, "Authorization", alice.auth());
        long primary = keys.rotate().newPrimaryKeyId();
        org.vaultmail.vault.RewrapFinished done = keys.rewrap(org.vaultmail.vault.RewrapOptions.defaults(), p -> { });
        assertThat(done.failed()).isZero();
        assertThat(jdbc.sql("SELECT secret_key_id FROM webhook_endpoints WHERE id = ?").param(endpoint.id()).query(Long.class).single())
                .isEqualTo(primary);
        assertThat(jdbc.sql("SELECT secret_key_id FROM webhook_previous_secrets WHERE endpoint_id = ?").param(endpoint.id())
                .query(Long.class).single()).isEqualTo(primary);
        publish(alice, "mailbox.connected", Map.of("mailbox", "noreply@example.test"));
        WebhookReceiver.Received r = awaitReceived(endpoint, 1).getFirst();
        assertThat(verifies(endpoint.secret(), r)).as("the old secret, rewrapped, still signs during the overlap").isTrue();
    }

    @Test
    void gone410DisablesTheEndpointAndIsAudited() {
        User alice = user();
        Endpoint endpoint = register(alice, "message.sent", "message.held");
        RECEIVER.answer(endpoint.path(), 410);
        publish(alice, "message.sent", Map.of());
        awaitAttempts(endpoint, 1);
        JsonNode view = http().get("/api/v1/webhooks/" + endpoint.id(), "Authorization", alice.auth()).json();
        assertThat(view.get("enabled").asBoolean()).isFalse();
        assertThat(view.get("disabledReason").asString()).isEqualTo("gone");
        assertThat(disabledEvents(endpoint)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("reason", "gone"));
        publish(alice, "message.held", Map.of());
        clock.advance(Duration.ofMinutes(1));
        dispatcher.deliverDue();
        assertThat(RECEIVER.at(endpoint.path())).as("nothing more after 410").hasSize(1);
    }

    @Test
    void anEndpointFailingForTheConfiguredTimeIsDisabled() {
        User alice = user();
        Endpoint endpoint = register(alice, "message.sent");
        RECEIVER.answerAlways(endpoint.path(), 503);
        publish(alice, "message.sent", Map.of());
        awaitAttempts(endpoint, 1);
        clock.advance(Duration.ofSeconds(10));
        dispatcher.deliverDue();
        awaitAttempts(endpoint, 2);
        assertThat(http().get("/api/v1/webhooks/" + endpoint.id(), "Authorization", alice.auth()).json().get("enabled").asBoolean())
                .as("failing for 10 s is not yet 2 h").isTrue();
        clock.advance(Duration.ofHours(2));
        publish(alice, "message.sent", Map.of());
        Await.until("disabled", Duration.ofSeconds(20), () -> !http().get("/api/v1/webhooks/" + endpoint.id(), "Authorization",
                alice.key()).json().get("enabled").asBoolean());
        JsonNode view = http().get("/api/v1/webhooks/" + endpoint.id(), "Authorization", alice.key()).json();
        assertThat(view.get("disabledReason").asString()).isEqualTo("failing");
        assertThat(disabledEvents(endpoint)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("reason", "failing"));
    }

    @Test
    void rotationSendsBothSignaturesDuringTheOverlapAndOnlyTheNewOneAfter(CapturedOutput output) {
        User alice = user();
        Endpoint endpoint = register(alice, "message.sent");
        Reply rotated = http().send("POST", "/api/v1/webhooks/" + endpoint.id() + "/rotate-secret", null, "Authorization", alice.auth());
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.json().get("secret").asString();
        assertThat(next).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(http().send("POST", "/api/v1/webhooks/" + endpoint.id() + "/test", null, "Authorization", alice.auth()).status())
                .isEqualTo(202);
        WebhookReceiver.Received during = awaitReceived(endpoint, 1).getFirst();
        assertThat(during.body()).contains("\"type\":\"webhook.test\"");
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(next, during)).as("new secret").isTrue();
        assertThat(verifies(endpoint.secret(), during)).as("old secret during the overlap").isTrue();

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(http().send("POST", "/api/v1/webhooks/" + endpoint.id() + "/test", null, "Authorization", alice.key()).status())
                .isEqualTo(202);
        WebhookReceiver.Received after = awaitReceived(endpoint, 2).get(1);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(verifies(next, after)).isTrue();
        assertThat(verifies(endpoint.secret(), after)).as("old secret after the overlap").isFalse();
        assertThat(gatewayEvents.events).anyMatch(e -> e.action().equals("gateway.webhook.secret_rotated")
                && e.target().equals("webhook:" + endpoint.id()));
        assertSecretsNowhere(alice, output, endpoint.secret(), next);
    }

    @Test
    void internalDestinationsAreRefusedAtRegistrationAndAllowedInternalPermitsExactlyItsPair() {
        User alice = user();
        List<String> refused = List.of("https://169.254.169.254/latest/meta-data/", "https://10.0.0.7/hook", "https://[::1]/hook",
                "https://localhost/hook", "http://localhost:" + RECEIVER.port() + "/hook",
                "http://127.0.0.1:" + (RECEIVER.port() + 1) + "/hook", "https://127.0.0.1:" + (RECEIVER.port() + 1) + "/hook",
                "ftp://example.com/", "https://user:pw@example.com/");
        List<String> accepted = new ArrayList<>();
        for (String url : refused) {
            Reply r = http().send("POST", "/api/v1/webhooks", HttpCalls.json("url", url, "events", List.of("message.sent")),
                    "Authorization", alice.auth());
            if (r.status() != 422) accepted.add(url + " -> " + r.status());
            else assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(accepted).isEmpty();
        assertThat(http().get("/api/v1/webhooks", "Authorization", alice.auth()).json()).isEmpty();
        register(alice, "message.sent"); // http://127.0.0.1:<receiver port>: the listed pair
        Reply unknownType = http().send("POST", "/api/v1/webhooks", HttpCalls.json("url", RECEIVER.url("/x"), "events",
                List.of("message.exploded")), "Authorization", alice.auth());
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.json().get("detail").asString()).contains("message.exploded");
        Reply french = http().send("POST", "/api/v1/webhooks", HttpCalls.json("url", RECEIVER.url("/x"), "events",
                List.of("message.exploded")), "Authorization", alice.auth(), "Accept-Language", "fr");
        assertThat(french.json().get("title").asString()).isEqualTo("Requête de webhook non valide");
        assertThat(french.json().get("detail").asString()).startsWith("Type(s) d’événement inconnu(s) : message.exploded. Types connus : ");
        Reply german = http().send("POST", "/api/v1/webhooks", HttpCalls.json("url", "http://example.com/", "events",
                List.of("message.sent")), "Authorization", alice.auth(), "Accept-Language", "de");
        assertThat(german.status()).isEqualTo(422);
        assertThat(german.json().get("title").asString()).isEqualTo("Webhook-URL nicht erlaubt");
        assertThat(german.json().get("detail").asString())
                .isEqualTo("Webhook-URLs müssen https verwenden (http nur für die internen Hosts, die der Betreiber erlaubt hat).");
    }

    @Test
    void anApiKeyWithTheWebhooksScopeManagesItsOwnersEndpointsAndOneWithoutIsRefused() {
        User alice = user();
        String key = "Bearer vmktest_" + alice.id() + "_webhooks+send";
        Reply created = http().send("POST", "/api/v1/webhooks", HttpCalls.json("url", RECEIVER.url("/key-" + UUID.randomUUID()),
                "events", List.of("apikey.revoked")), "Authorization", key);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(http().get("/api/v1/webhooks", "Authorization", alice.auth()).json().get(0).get("id").asLong()).isEqualTo(id);
        assertThat(gatewayEvents.events).anyMatch(e -> e.action().equals("gateway.webhook.added") && e.ownerUserId() == alice.id());

        String noScope = "Bearer vmktest_" + alice.id() + "_send";
        assertThat(http().get("/api/v1/webhooks", "Authorization", noScope).status()).isEqualTo(403);
        assertThat(http().send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", noScope).status()).isEqualTo(403);

        User bob = user();
        assertThat(http().get("/api/v1/webhooks/" + id, "Authorization", bob.auth()).status()).as("another user's").isEqualTo(404);
        assertThat(http().send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", bob.auth()).status()).isEqualTo(404);
        assertThat(http().send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", key).status()).isEqualTo(204);
        assertThat(http().get("/api/v1/webhooks", "Authorization", alice.auth()).json()).isEmpty();
        assertThat(gatewayEvents.events).anyMatch(e -> e.action().equals("gateway.webhook.removed") && e.ownerUserId() == alice.id());
    }

    private List<GatewayEvent> disabledEvents(Endpoint endpoint) {
        Await.until("disabled event", Duration.ofSeconds(10), () -> gatewayEvents.events.stream()
                .anyMatch(e -> e.action().equals("gateway.webhook.disabled") && ("webhook:" + endpoint.id()).equals(e.target())));
        return gatewayEvents.events.stream()
                .filter(e -> e.action().equals("gateway.webhook.disabled") && ("webhook:" + endpoint.id()).equals(e.target())).toList();
    }

    /** Neither the whsec_ text nor its base64 part is in a database dump, the log, a GET answer or an audit event. */
    private void assertSecretsNowhere(User user, CapturedOutput output, String... secrets) {
        String dump = DatabaseDump.of(dataSource);
        String gets = http().get("/api/v1/webhooks", "Authorization", user.key()).body()
                + http().get("/api/v1/webhooks/" + http().get("/api/v1/webhooks", "Authorization", user.key()).json().get(0).get("id").asLong(),
                "Authorization", user.key()).body();
        String audit = gatewayEvents.events.toString();
        for (String secret : secrets) {
            String raw = secret.substring("whsec_".length());
            String hex = java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(raw));
            for (String form : List.of(secret, raw, hex)) {
                assertThat(dump).doesNotContainIgnoringCase(form);
                assertThat(output.getAll()).doesNotContain(form);
                assertThat(gets).doesNotContain(form);
                assertThat(audit).doesNotContain(form);
            }
        }
        assertThat(gets).doesNotContain("secret");
    }
}

package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStore;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.oauth.GmailApiStub;
import org.vaultmail.testing.oauth.GraphApiStub;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.testing.oauth.OAuthBrowserlessLogin;
import org.vaultmail.testing.oauth.ReceivedMessage;

/**
 * One app for the send-only OAuth mailbox tests (ADR 0044): the real oauth module against the local authorization
 * server (providers {@code google} and {@code microsoft}, purpose send), the Gmail and Graph stand-ins that introspect
 * the bearer token, the real outbox API, worker (300 ms poll) and webhooks. The fixtures live as long as the test JVM
 * (the cached context of both test classes points at them), so they are not closed after a class.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OAuthSendTestSupport {

    static final LocalAuthorizationServer AS = LocalAuthorizationServer.start();
    static final GmailApiStub GMAIL = GmailApiStub.start(AS);
    static final GraphApiStub GRAPH = GraphApiStub.start(AS);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        AuthAppTestSupport.appProperties(registry);
        ApiTestApp.register(registry, "vaultmail-oauth-send-e2e-");
        registry.add("vaultmail.gateway.outbox.worker-enabled", () -> "true");
        registry.add("vaultmail.gateway.outbox.poll-interval", () -> "300ms");
        registry.add("vaultmail.gateway.outbox.backoff-base", () -> "1s");
        registry.add("vaultmail.gateway.outbox.backoff-max", () -> "2s");
        registry.add("vaultmail.gateway.api-keys.require-second-factor", () -> "false");
        Map<String, String> all = new java.util.LinkedHashMap<>(AS.providerProperties("google", GMAIL.baseUri(), List.of()));
        all.putAll(AS.providerProperties("microsoft", GRAPH.baseUri(), List.of()));
        all.put("vaultmail.oauth.providers.google.purposes", "SEND");
        all.put("vaultmail.oauth.providers.microsoft.purposes", "SEND");
        all.forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Starts the flow over the API, logs in at the authorization server, calls the callback with the flow cookie. */
    static String connect(GatewayApi api, String session, String provider, String account) {
        HttpCalls.Reply started = api.http.send("POST", "/api/v1/mailboxes/oauth/" + provider, null, "Authorization", session);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String cookies = String.join("; ", started.headers("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
        URI callback = OAuthBrowserlessLogin.callbackFor(URI.create(started.json().get("authorizationUrl").asString()), account);
        HttpCalls.Reply page = api.http.get(callback.getRawPath() + "?" + callback.getRawQuery(), "Cookie", cookies);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.body().replace("&amp;", "&");
    }

    String messageId(String id) {
        return jdbc.sql("SELECT message_id FROM outbox_messages WHERE id = ?").param(id).query(String.class).single();
    }

    /** The MIME the outbox stored for the message. */
    byte[] mime(String id) {
        Map<String, Object> r = jdbc.sql("SELECT user_id, content FROM outbox_messages WHERE id = ?").param(id).query().singleRow();
        OutboxContent content = store.open(id, ((Number) r.get("user_id")).longValue(), (byte[]) r.get("content"));
        return content.mime();
    }

    static ReceivedMessage only(List<ReceivedMessage> received, String messageId) {
        List<ReceivedMessage> matching = received.stream().filter(m -> has(m, messageId)).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    static long count(List<ReceivedMessage> received, String messageId) {
        return received.stream().filter(m -> has(m, messageId)).count();
    }

    static boolean has(ReceivedMessage m, String messageId) {
        try {
            String[] ids = m.message().getHeader("Message-ID");
            return ids != null && (ids[0].equals(messageId) || ids[0].equals("<" + messageId + ">"));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}

package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import org.vaultmail.gateway.webhooks.StandardWebhooksVerifier;
import org.vaultmail.gateway.webhooks.WebhookReceiver;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sending gateway driven the way a script drives it: sign in, connect the user's own mailbox, create a key,
 * register a webhook, send, poll. Shared by the cross-feature tests (every call asserts its documented status).
 */
final class GatewayApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpCalls http;
    final int port;

    GatewayApi(int port) {
        this.port = port;
        this.http = new HttpCalls(port);
    }

    /** {@code POST /api/v1/sessions}; the bearer header value. */
    String signIn(String address, String password) {
        Reply r = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "Bearer " + r.json().get("accessToken").asString();
    }

    /** Connects the signed-in user's own mailbox; its id. */
    long connectOwnMailbox(String session, String password) {
        Reply r = http.send("POST", "/api/v1/mailboxes", HttpCalls.json("password", password), "Authorization", session);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** A new key's 201 body ({@code key} in it); {@code mailboxes} null for all of the user's. */
    JsonNode createKey(String session, String name, List<String> scopes, List<Long> mailboxes, String expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        if (mailboxes != null) body.put("mailboxes", mailboxes);
        if (expiresAt != null) body.put("expiresAt", expiresAt);
        Reply r = http.send("POST", "/api/v1/api-keys", JSON.writeValueAsString(body), "Authorization", session);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    String createKey(String session, String name, String... scopes) {
        return createKey(session, name, List.of(scopes), null, null).get("key").asString();
    }

    /** Registers {@code url} for {@code events}; the 201 body ({@code id}, {@code secret}). */
    JsonNode webhook(String session, String url, String... events) {
        Reply r = http.send("POST", "/api/v1/webhooks", HttpCalls.json("url", url, "events", List.of(events)),
                "Authorization", session);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** A JSON message from {@code mailbox} to {@code to}, with base64 attachments given as filename → bytes. */
    static String message(String mailbox, String to, String subject, Map<String, byte[]> attachments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mailbox", mailbox);
        body.put("to", List.of(to));
        body.put("subject", subject);
        body.put("text", "Sent through the gateway: " + subject);
        List<Map<String, String>> files = new ArrayList<>();
        attachments.forEach((name, bytes) -> files.add(Map.of("filename", name, "contentType", "application/octet-stream",
                "content", Base64.getEncoder().encodeToString(bytes))));
        if (!files.isEmpty()) body.put("attachments", files);
        return JSON.writeValueAsString(body);
    }

    Reply send(String key, String json) {
        return http.send("POST", "/api/v1/outbox", json, "Authorization", "Bearer " + key);
    }

    /** Sends; asserts 202; the answer ({@code id}, {@code status}, {@code messageId}). */
    JsonNode accepted(String key, String json) {
        Reply r = send(key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    /** {@code POST /api/v1/outbox} as multipart: the JSON part {@code message} and one {@code file} part per attachment. */
    JsonNode acceptedMultipart(String key, String json, Map<String, byte[]> files) throws IOException, InterruptedException {
        String boundary = "b-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\nContent-Type: application/json\r\n\r\n"
                + json + "\r\n").getBytes(StandardCharsets.UTF_8));
        files.forEach((name, bytes) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/outbox"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    /** {@code GET /api/v1/outbox/{id}}. */
    JsonNode status(String key, String id) {
        Reply r = http.get("/api/v1/outbox/" + id, "Authorization", "Bearer " + key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Polls until the message has {@code status}; the last answer. */
    JsonNode awaitStatus(String key, String id, String status, Duration within) {
        JsonNode[] last = new JsonNode[1];
        Await.until("message " + id + " " + status, within, () -> {
            last[0] = status(key, id);
            return last[0].get("status").asString().equals(status);
        });
        return last[0];
    }

    /** The messages in {@code folder} whose Message-ID header is {@code messageId}, read fully. */
    static List<MimeMessage> find(Store store, String folder, String messageId) throws MessagingException, IOException {
        Folder f = store.getFolder(folder);
        f.open(Folder.READ_ONLY);
        try {
            List<MimeMessage> found = new ArrayList<>();
            for (Message m : f.search(new HeaderTerm("Message-ID", messageId))) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                try {
                    m.writeTo(raw);
                } catch (IOException e) {
                    throw new MessagingException("read", e);
                }
                found.add(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray())));
            }
            return found;
        } finally {
            f.close(false);
        }
    }

    /**
     * Deletes (and expunges) the messages with this Message-ID from a folder of the shared Dovecot, so that tests which
     * count the seeded mailboxes find them as seeded.
     */
    static void remove(Store store, String folder, String messageId) throws MessagingException {
        Folder f = store.getFolder(folder);
        f.open(Folder.READ_WRITE);
        try {
            for (Message m : f.search(new HeaderTerm("Message-ID", messageId))) m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
        } finally {
            f.close(true);
        }
    }

    /** The attachments of a received message: filename → bytes. */
    static Map<String, byte[]> attachments(MimeMessage message) throws MessagingException, IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!(message.getContent() instanceof Multipart mixed)) return files;
        for (int i = 0; i < mixed.getCount(); i++) {
            BodyPart part = mixed.getBodyPart(i);
            if (part.getFileName() != null) files.put(part.getFileName(), part.getInputStream().readAllBytes());
        }
        return files;
    }

    /** How many messages GreenMail delivered to {@code address} with this Message-ID (angle brackets or not). */
    static long receivedAt(org.vaultmail.testing.GreenMailFixture mail, String address, String messageId) {
        String wanted = bare(messageId);
        return java.util.Arrays.stream(mail.greenMail().getReceivedMessagesForDomain(address)).filter(m -> {
            try {
                return m.getMessageID() != null && bare(m.getMessageID()).equals(wanted);
            } catch (MessagingException e) {
                return false;
            }
        }).count();
    }

    private static String bare(String messageId) {
        String s = messageId.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    /** The deliveries of {@code type} the receiver got at {@code path}. */
    static List<WebhookReceiver.Received> ofType(WebhookReceiver receiver, String path, String type) {
        return receiver.at(path).stream().filter(r -> JSON.readTree(r.body()).get("type").asString().equals(type)).toList();
    }

    /** Whether the independent verifier accepts the delivery's signature now. */
    static boolean verifies(String secret, WebhookReceiver.Received r) {
        return new StandardWebhooksVerifier(secret).verify(r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body(), System.currentTimeMillis() / 1000);
    }
}

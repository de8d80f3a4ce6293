package org.vaultmail.testing.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.vaultmail.oauth.OAuthScopes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Gmail and Graph stand-ins accept only the right token and scope, decode the MIME, and fail on request. */
class ProviderApiStubsTest {

    private static final String USER = "oauth-e2e@example.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AutoClose
    static LocalAuthorizationServer server = LocalAuthorizationServer.start();
    @AutoClose
    static GmailApiStub gmail = GmailApiStub.start(server);
    @AutoClose
    static GraphApiStub graph = GraphApiStub.start(server);

    @Test
    void gmailAcceptsAGmailSendTokenAndDecodesTheMime() throws Exception {
        String token = server.issueTokens("google", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.GMAIL_SEND)).accessToken();
        byte[] mime = mime("Hello Gmail");

        HttpResponse<String> response = gmailSend(token, Base64.getUrlEncoder().withoutPadding().encodeToString(mime));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = JsonMapper.builder().build().readTree(response.body());
        assertThat(json.path("id").asString()).isNotEmpty();
        assertThat(json.path("labelIds").get(0).asString()).isEqualTo("SENT");
        ReceivedMessage received = gmail.received().getLast();
        assertThat(received.raw()).isEqualTo(mime);
        assertThat(received.message().getSubject()).isEqualTo("Hello Gmail");
        assertThat(received.sender()).isEqualTo(USER);
    }

    @Test
    void gmailsMediaUploadTakesTheMessageItselfAndRefusesAnotherType() throws Exception {
        String token = server.issueTokens("google", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.GMAIL_SEND)).accessToken();
        byte[] mime = mime("Hello upload");

        HttpResponse<String> response = gmailUpload(token, "message/rfc822", mime);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(gmail.received().getLast().raw()).isEqualTo(mime);

        assertThat(gmailUpload(token, "application/json", mime).statusCode()).isEqualTo(400);
    }

    @Test
    void gmailRefusesAMailGoogleComTokenWith403AndABadTokenWith401() throws Exception {
        String imapToken = server.issueTokens("google", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.GOOGLE_MAIL)).accessToken();
        String raw = Base64.getUrlEncoder().encodeToString(mime("x"));

        HttpResponse<String> wrongScope = gmailSend(imapToken, raw);
        HttpResponse<String> badToken = gmailSend("not-a-token", raw);

        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("error=\"invalid_token\""));
    }

    @Test
    void gmailRefusesAMicrosoftToken() throws Exception {
        String microsoft = server.issueTokens("microsoft", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.GRAPH_MAIL_SEND))
                .accessToken();

        assertThat(gmailSend(microsoft, Base64.getUrlEncoder().encodeToString(mime("x"))).statusCode()).isEqualTo(401);
    }

    @Test
    void gmailRefusesAnExpiredToken() throws Exception {
        String token;
        try (var _ = server.accessTokenTtl(Duration.ofSeconds(1))) {
            token = server.issueTokens("google", USER, Set.of(OAuthScopes.GMAIL_SEND)).accessToken();
        }
        org.vaultmail.testing.Await.until("the token to expire", Duration.ofSeconds(30),
                () -> !server.introspect(token).path("active").asBoolean());

        assertThat(gmailSend(token, Base64.getUrlEncoder().encodeToString(mime("x"))).statusCode()).isEqualTo(401);
    }

    @Test
    void graphAcceptsAMailSendTokenWithBase64Mime() throws Exception {
        String token = server.issueTokens("microsoft", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.OFFLINE_ACCESS, OAuthScopes.GRAPH_MAIL_SEND)).accessToken();
        byte[] mime = mime("Hello Graph");

        HttpResponse<String> response = graphSend(token, Base64.getEncoder().encodeToString(mime));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(graph.received().getLast().raw()).isEqualTo(mime);
        assertThat(graph.received().getLast().message().getSubject()).isEqualTo("Hello Graph");
    }

    @Test
    void graphRefusesAnSmtpSendTokenWith403() throws Exception {
        String token = server.issueTokens("microsoft", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.OUTLOOK_SMTP)).accessToken();

        assertThat(graphSend(token, Base64.getEncoder().encodeToString(mime("x"))).statusCode()).isEqualTo(403);
    }

    @Test
    void failNextGives429WithRetryAfterThenServesAgain() throws Exception {
        String token = server.issueTokens("microsoft", USER, Set.of(OAuthScopes.GRAPH_MAIL_SEND)).accessToken();
        String body = Base64.getEncoder().encodeToString(mime("throttled"));
        int before = graph.requests();
        graph.failNext(429, Duration.ofSeconds(7));
        graph.failNext(503, null);

        HttpResponse<String> throttled = graphSend(token, body);
        HttpResponse<String> unavailable = graphSend(token, body);
        HttpResponse<String> served = graphSend(token, body);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(served.statusCode()).isEqualTo(202);
        assertThat(graph.requests()).isEqualTo(before + 3);
    }

    private static HttpResponse<String> gmailSend(String token, String raw) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gmail.baseUri() + GmailApiStub.SEND_PATH))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"raw\":\"" + raw + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> gmailUpload(String token, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gmail.baseUri() + GmailApiStub.UPLOAD_PATH + "?uploadType=media"))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> graphSend(String token, String base64) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(graph.baseUri() + GraphApiStub.SEND_PATH))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(base64)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] mime(String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(USER));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@example.test"));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText("body of " + subject);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}

package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import org.vaultmail.oauth.OAuthScopes;

/**
 * The Gmail API's {@code users.messages.send} on loopback: {@code POST /gmail/v1/users/me/messages/send} with
 * {@code {"raw": base64url(MIME)}} (or {@code POST /upload/…?uploadType=media} with the message itself), a token of client {@code google} holding {@code gmail.send}; answers
 * {@code 200 {"id", "threadId", "labelIds": ["SENT"]}} (Gmail files the sent copy itself). 401 for a bad or expired
 * token, 403 without the scope, 400 for a body that is not the raw form.
 */
public final class GmailApiStub extends ProviderApiStub {

    public static final String SEND_PATH = "/gmail/v1/users/me/messages/send";
    /** The media upload twin: the message itself, {@code message/rfc822}, with {@code uploadType=media}. */
    public static final String UPLOAD_PATH = "/upload/gmail/v1/users/me/messages/send";

    private GmailApiStub(LocalAuthorizationServer authorizationServer) {
        super(authorizationServer, TestClients.GOOGLE, OAuthScopes.GMAIL_SEND, SEND_PATH, UPLOAD_PATH);
    }

    /** A stub checking tokens at {@code authorizationServer}; close it. */
    public static GmailApiStub start(LocalAuthorizationServer authorizationServer) {
        return new GmailApiStub(authorizationServer);
    }

    @Override
    byte[] mime(URI uri, String contentType, byte[] body) throws Refusal {
        if (uri.getPath().equals(UPLOAD_PATH)) {
            if (!"uploadType=media".equals(uri.getQuery()) || !contentType.startsWith("message/rfc822")) {
                throw new Refusal(400, errorBody(400, "Media type '" + contentType + "' is not supported."));
            }
            return body;
        }
        JsonNode raw;
        try {
            raw = JSON.readTree(new String(body, StandardCharsets.UTF_8)).get("raw");
        } catch (RuntimeException e) {
            throw new Refusal(400, errorBody(400, "Invalid JSON payload received."));
        }
        if (raw == null || !raw.isString() || raw.asString().isEmpty()) {
            throw new Refusal(400, errorBody(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required"));
        }
        try {
            return Base64.getUrlDecoder().decode(raw.asString());
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, errorBody(400, "Invalid value for ByteString"));
        }
    }

    @Override
    void accepted(HttpExchange exchange, ReceivedMessage message) throws IOException {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        byte[] body = JSON.writeValueAsBytes(Map.of("id", id, "threadId", id, "labelIds", List.of("SENT")));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    String errorBody(int status, String message) {
        String reason = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "UNKNOWN";
        };
        return JSON.writeValueAsString(Map.of("error", Map.of("code", status, "message", message, "status", reason)));
    }
}

package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import org.vaultmail.oauth.OAuthScopes;

/**
 * Microsoft Graph's {@code sendMail} in its MIME form on loopback: {@code POST /v1.0/me/sendMail} with
 * {@code Content-Type: text/plain} and the base64 MIME as the body, a token of client {@code microsoft} holding
 * {@code Mail.Send}; answers {@code 202} with no body (Exchange saves the sent copy itself). 401 for a bad or expired
 * token, 403 without the scope, 400 for a body that is not base64 MIME.
 */
public final class GraphApiStub extends ProviderApiStub {

    public static final String SEND_PATH = "/v1.0/me/sendMail";

    private GraphApiStub(LocalAuthorizationServer authorizationServer) {
        super(authorizationServer, TestClients.MICROSOFT, OAuthScopes.GRAPH_MAIL_SEND, SEND_PATH);
    }

    /** A stub checking tokens at {@code authorizationServer}; close it. */
    public static GraphApiStub start(LocalAuthorizationServer authorizationServer) {
        return new GraphApiStub(authorizationServer);
    }

    @Override
    byte[] mime(URI uri, String contentType, byte[] body) throws Refusal {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            throw new Refusal(400, errorBody(400, "this stand-in takes only the MIME form (Content-Type: text/plain)"));
        }
        try {
            byte[] mime = Base64.getMimeDecoder().decode(new String(body, StandardCharsets.US_ASCII).trim());
            if (mime.length == 0) throw new IllegalArgumentException("empty");
            return mime;
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, errorBody(400, "Invalid base64 string for MIME content."));
        }
    }

    @Override
    void accepted(HttpExchange exchange, ReceivedMessage message) throws IOException {
        exchange.sendResponseHeaders(202, -1);
    }

    @Override
    String errorBody(int status, String message) {
        String code = switch (status) {
            case 400 -> "ErrorMimeContentInvalidBase64String";
            case 401 -> "InvalidAuthenticationToken";
            case 403 -> "ErrorAccessDenied";
            case 429 -> "ApplicationThrottled";
            case 503 -> "ServiceNotAvailable";
            default -> "UnknownError";
        };
        return JSON.writeValueAsString(Map.of("error", Map.of("code", code, "message", message)));
    }
}

package org.vaultmail.gateway.outbox.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.vaultmail.vault.Secret;

/**
 * One POST to a provider's send API (JDK HttpClient: connect and request timeouts, no redirects). Tells apart a call
 * that never reached the server ({@link NotSent}: nothing can have been delivered) from one whose answer was lost
 * ({@link NoAnswer}: it may have been). Reads at most 16 KiB of an answer and keeps only the status, the
 * {@code Retry-After} header and the provider's error code; never logs or returns a token or a body.
 */
class ProviderApiClient {

    /** The answer, reduced to what the worker decides on. {@code errorCode} is an identifier, never a message. */
    record Answer(int status, @Nullable String retryAfter, @Nullable String errorCode, @Nullable String id) {
    }

    /** The request did not reach the server (connect refused or timed out, unknown host). */
    static final class NotSent extends IOException {
        NotSent(Throwable cause) {
            super(cause.getClass().getSimpleName());
        }
    }

    /** The request may have reached the server and no answer came (timeout, reset, closed). */
    static final class NoAnswer extends IOException {
        NoAnswer(Throwable cause) {
            super(cause.getClass().getSimpleName());
        }
    }

    private static final int MAX_ANSWER = 16 * 1024;
    /** Google: {@code "reason": "rateLimitExceeded"} / {@code "status": "RESOURCE_EXHAUSTED"}; Graph: {@code "code": "ErrorX"}. */
    private static final Pattern ERROR_CODE = Pattern.compile("\"(?:reason|status|code)\"\\s*:\\s*\"([A-Za-z][A-Za-z0-9_.]{0,80})\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9_-]{1,100})\"");

    private final HttpClient http;
    private final Duration requestTimeout;

    ProviderApiClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    Answer post(ProviderApiRequest request, Secret token) throws NotSent, NoAnswer {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(requestTimeout)
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        char[] bearer = token.revealChars();
        try {
            builder.header("Authorization", "Bearer " + new String(bearer)); // HttpClient takes headers as Strings
        } finally {
            java.util.Arrays.fill(bearer, '\0');
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | java.nio.channels.UnresolvedAddressException e) {
            throw new NotSent(e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) throw new NotSent(e);
            throw new NoAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer(e);
        }
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = ""; // the status line is the answer; a body cut short changes nothing
        }
        int status = response.statusCode();
        return new Answer(status, response.headers().firstValue("Retry-After").orElse(null),
                status / 100 == 2 ? null : first(ERROR_CODE, text).orElse(null),
                status / 100 == 2 ? first(ID, text).orElse(null) : null);
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

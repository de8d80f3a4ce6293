package org.vaultmail.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP/1.1 client with keep-alive for all sessions of a benchmark (as a browser or API client on
 * loopback would hold its connections open), and a timed exchange that reads the whole body.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response with the time from sending to the last byte of the body. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body, long nanos) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<String> all(String header) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    Reply postJson(String path, Object body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), headers);
    }

    Reply postForm(String path, Map<String, String> fields, String... headers) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())), headers);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Reply send(HttpRequest.Builder request, String... headers) {
        request.timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        HttpRequest built = request.build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            return new Reply(response.statusCode(), response.headers().map(), response.body(), nanos);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(built.method() + " " + built.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

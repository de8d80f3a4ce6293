package org.vaultmail.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for API tests: no redirects followed, no cookie jar (tests pass cookies
 * explicitly), and a record of every response's headers and body, for canary checks.
 */
public final class HttpCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One response. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public @Nullable String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** The value a Set-Cookie header gives {@code name}, or null. */
        public @Nullable String cookie(String name) {
            for (String c : headers("Set-Cookie")) {
                if (c.startsWith(name + "=")) return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            }
            return null;
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Reply> seen = new ArrayList<>();

    public HttpCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static String json(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return JSON.writeValueAsString(map);
    }

    public Reply send(String method, String path, @Nullable String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request.build());
    }

    public Reply form(String path, Map<String, String> fields, String... headers) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return form(path, pairs, headers);
    }

    /** A form POST whose {@code fields} are name, value, name, value…; a name may repeat (several ticked boxes). */
    public Reply form(String path, List<String> fields, String... headers) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.size(); i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(fields.get(i)).append('=')
                    .append(java.net.URLEncoder.encode(fields.get(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request.build());
    }

    /** A multipart POST: the text {@code fields} (name, value, …) and one file in {@code fileField}. */
    public Reply multipart(String path, List<String> fields, String fileField, String fileName, byte[] content, String... headers) {
        String boundary = "vm-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        for (int i = 0; i < fields.size(); i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields.get(i) + "\"\r\n\r\n"
                    + fields.get(i + 1) + "\r\n").getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request.build());
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Every response so far. */
    public List<Reply> seen() {
        return List.copyOf(seen);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body());
            synchronized (seen) {
                seen.add(reply);
            }
            return reply;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

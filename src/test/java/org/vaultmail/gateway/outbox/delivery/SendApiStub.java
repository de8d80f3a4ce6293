package org.vaultmail.gateway.outbox.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for both send APIs, for the worker's own tests (the oauth module's test fixtures check real
 * tokens; this one records what arrived and answers as scripted): Gmail {@code POST /gmail/v1/users/me/messages/send}
 * with {@code {"raw": base64url}} (or the message itself at {@code /upload/…?uploadType=media}) and Graph {@code POST /v1.0/me/sendMail} with base64 {@code text/plain}.
 */
final class SendApiStub implements AutoCloseable {

    /** One request as it arrived; {@code mime} is the decoded message. */
    record Received(String path, String authorization, String contentType, byte[] mime) {
        String text() {
            return new String(mime, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer; {@code delayMillis} before answering (longer than the client's timeout: no answer). */
    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer of(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body, 0);
        }
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();

    private SendApiStub(HttpServer server) {
        this.server = server;
    }

    static SendApiStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SendApiStub stub = new SendApiStub(server);
        server.createContext("/", stub::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return stub;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The next requests get these answers, in order; after them, the API's normal success. */
    void answer(Answer... answers) {
        script.addAll(List.of(answers));
    }

    long count(String messageId) {
        return received.stream().filter(r -> r.text().contains("Message-ID: <" + messageId + ">")).count();
    }

    Received last(String messageId) {
        return received.stream().filter(r -> r.text().contains("Message-ID: <" + messageId + ">")).reduce((a, b) -> b).orElseThrow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getPath();
            String type = String.valueOf(x.getRequestHeaders().getFirst("Content-Type"));
            byte[] mime;
            if (path.equals("/gmail/v1/users/me/messages/send")) {
                String json = new String(body, StandardCharsets.US_ASCII);
                String raw = json.substring(json.indexOf("\"raw\":\"") + 7, json.lastIndexOf('"'));
                mime = Base64.getUrlDecoder().decode(raw);
            } else if (path.equals("/upload/gmail/v1/users/me/messages/send")
                    && "uploadType=media".equals(x.getRequestURI().getQuery()) && type.startsWith("message/rfc822")) {
                mime = body; // Gmail's media upload: the message itself
            } else if (path.equals("/v1.0/me/sendMail")) {
                mime = Base64.getDecoder().decode(body);
            } else {
                send(x, Answer.of(404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}"));
                return;
            }
            received.add(new Received(path, String.valueOf(x.getRequestHeaders().getFirst("Authorization")), type, mime));
            Answer a = script.pollFirst();
            if (a == null) {
                a = path.contains("/gmail/") ? Answer.of(200, "{\"id\":\"18c0ffee\",\"threadId\":\"18c0ffee\",\"labelIds\":[\"SENT\"]}")
                        : new Answer(202, Map.of(), "", 0);
            }
            send(x, a);
        }
    }

    private static void send(HttpExchange x, Answer a) throws IOException {
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis()); // a slow provider, as the answer was scripted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

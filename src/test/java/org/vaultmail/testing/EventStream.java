package org.vaultmail.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a server-sent event stream ({@code /api/v1/events}, a migration's events) with {@link HttpClient} on a thread of its own, one parsed event at a time. */
public final class EventStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final Event END = new Event("<end>", "");

    /** One server-sent event ({@code name} "message" when unnamed; comments and retry lines are skipped). */
    public record Event(String name, String data) {
        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    public final int status;
    public final String contentType;
    private final Stream<String> lines;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    public final List<String> raw = java.util.Collections.synchronizedList(new ArrayList<>());

    private EventStream(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.lines = response.body();
        Thread.ofVirtual().start(this::read);
    }

    public static EventStream open(HttpClient client, int port, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", "text/event-stream").GET();
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return new EventStream(client.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private void read() {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                raw.add(line);
                if (line.isEmpty()) {
                    if (!data.isEmpty()) events.add(new Event(name, data.toString()));
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException e) {
            // connection closed under us: that is an end too
        } finally {
            events.add(END);
        }
    }

    /** The next event matching, waiting at most {@code within}; {@link #END} is returned if the stream ends first. */
    public Event await(Duration within, Predicate<Event> match) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) throw new AssertionError("no matching event within " + within + "; raw: " + raw);
            if (e == END || match.test(e)) return e;
        }
    }

    /** Waits until this exact line (e.g. a comment) has been received. */
    public void awaitLine(Duration within, String line) throws InterruptedException {
        Await.until("the line " + line, within, () -> List.copyOf(raw), received -> received.contains(line));
    }

    /** Waits until the server ends the stream. */
    public boolean ended(Duration within) throws InterruptedException {
        return await(within, e -> false) == END;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}

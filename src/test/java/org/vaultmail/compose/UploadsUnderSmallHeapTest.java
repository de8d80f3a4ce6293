package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Issue 12 item 11: the app runs as its own process with {@code -Xmx512m}; ten users each upload a file just under the
 * 25 MB limit to a draft, all at once, then send it, all at once; and one user tries ten uploads at once. Every upload is stored or refused cleanly (429
 * beyond the per-user limit), the server stays healthy (health answers, no {@code OutOfMemoryError} in its log), and
 * the upload directory is empty afterwards, and the heap stays far from full (GC log: no full GC, peak under 300 MB;
 * the code before this change peaked at 511 MB with 12 full GCs in the same run, and had no per-user limit).
 *
 * <p>Load-sensitive (lane 3, alone): its sends time out when another test lane loads the machine's two cores.
 */
@Tag("load-sensitive")
class UploadsUnderSmallHeapTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final int FILE_SIZE = 24 * 1024 * 1024;
    static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    @Test
    void parallelUploadsNearTheLimitSucceedOrAreRefusedAndTheServerStaysHealthy() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String user = "uploader" + i + "-" + suffix + "@example.test";
            MAIL.createUser(user, "pw-" + suffix);
            try (Store store = MAIL.imap(user, "pw-" + suffix)) {
                store.getFolder("Drafts").create(Folder.HOLDS_MESSAGES);
            }
            users.add(user);
        }
        byte[] file = new byte[FILE_SIZE];
        new Random(42).nextBytes(file);
        Path dataDir = Files.createTempDirectory("vaultmail-uploads-heap-");
        Server server = Server.start(dataDir);
        try {
            HttpCalls http = new HttpCalls(server.port);
            List<String> tokens = users.stream().map(u -> signIn(http, u, "pw-" + suffix)).toList();

            // ten users, one upload each, all at once
            List<CompletableFuture<HttpResponse<String>>> everyone = new ArrayList<>();
            for (String token : tokens) everyone.add(upload(server.port, token, draft(http, token), file));
            for (CompletableFuture<HttpResponse<String>> f : everyone) {
                HttpResponse<String> r = f.join();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 413, 429);
                if (r.statusCode() == 200) assertThat(r.body()).contains("\"size\":" + FILE_SIZE);
            }
            assertThat(everyone.stream().filter(f -> f.join().statusCode() == 200).count()).as("different users are not refused")
                    .isEqualTo(10);

            // and all ten send their draft at once: built, sent and filed in Sent from files, not from the heap
            List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                long uid = new Reply(200, java.util.Map.of(), everyone.get(i).join().body()).json().get("uid").asLong();
                sends.add(send(server.port, tokens.get(i), uid));
            }
            for (CompletableFuture<HttpResponse<String>> f : sends) assertThat(f.join().statusCode()).as(f.join().body()).isEqualTo(201);

            // one user, ten at once: at most three at a time, the rest refused with a clear problem
            String one = tokens.getFirst();
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) burst.add(upload(server.port, one, draft(http, one), file));
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> f : burst) {
                HttpResponse<String> r = f.join();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 429);
                if (r.statusCode() == 429) {
                    refused++;
                    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
                    assertThat(r.body()).contains("uploads in progress");
                }
            }
            assertThat(refused).as("beyond 3 concurrent uploads per user").isGreaterThanOrEqualTo(1);

            Reply health = http.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("uploads")))).isEqualTo("rwx------");
            try (Stream<Path> left = Files.list(dataDir.resolve("uploads"))) {
                assertThat(left.toList()).as("upload files are deleted after use").isEmpty();
            }
        } finally {
            server.kill();
        }
        String log = Files.readString(server.log);
        assertThat(log).doesNotContain("OutOfMemoryError");
        // the files are not in the heap: on the code before, the same run filled the 512 MB (peak 511 MB, 12 full GCs)
        String gc = Files.readString(dataDir.resolve("gc.log"));
        long peak = peakHeapMb(gc);
        System.out.println("UploadsUnderSmallHeapTest: peak heap before a GC " + peak + " MB of 512");
        assertThat(gc).as("no full GC").doesNotContain("Pause Full");
        assertThat(peak).as("peak heap (MB) while 10 files of 24 MB are uploaded").isLessThan(300);
    }

    /** The largest heap occupancy a GC started from ({@code -Xlog:gc}: "before->after(committed)"). */
    static long peakHeapMb(String gcLog) {
        long peak = 0;
        Matcher m = GC.matcher(gcLog);
        while (m.find()) peak = Math.max(peak, Long.parseLong(m.group(1)));
        return peak;
    }

    static String signIn(HttpCalls http, String user, String password) {
        Reply r = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return "Bearer " + r.json().get("accessToken").asString();
    }

    static long draft(HttpCalls http, String token) {
        Reply r = http.send("POST", "/api/v1/drafts", HttpCalls.json("to", List.of("someone@example.org"), "subject", "Big file",
                "text", "See the file."), "Authorization", token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("uid").asLong();
    }

    /** Sends a draft; ten 24 MB messages at once through SMTP and into Sent take longer than HttpCalls' 30 s on a busy machine. */
    static CompletableFuture<HttpResponse<String>> send(int port, String token, long draft) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/drafts/" + draft + "/send"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static CompletableFuture<HttpResponse<String>> upload(int port, String token, long draft, byte[] file) {
        String boundary = "----vaultmail" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/drafts/" + draft + "/attachments"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head, StandardCharsets.US_ASCII),
                        HttpRequest.BodyPublishers.ofByteArray(file), HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.US_ASCII)))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The app in a child JVM with a 512 MB heap, a GC log, and a heap dump on OutOfMemoryError off. */
    record Server(Process process, int port, Path log) {

        static Server start(Path dataDir) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = dataDir.resolve("server.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Xlog:gc:file=" + dataDir.resolve("gc.log"), "-Xshare:off", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), VaultmailApplication.class.getName(),
                    "--server.port=" + port, "--vaultmail.data-dir=" + dataDir, "--vaultmail.scheduling.enabled=false",
                    "--vaultmail.auth.throttle.requests-per-minute=0", "--vaultmail.compose.undo-delay=0s",
                    "--logging.level.root=warn"));
            MAIL.domainProperties(0, "example.test").forEach((k, v) -> command.add("--" + k + "=" + v));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("VAULTMAIL_") || k.startsWith("SPRING_") || k.startsWith("LOGGING_"));
            Process process = builder.start();
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new AssertionError("the app exited: " + Files.readString(log));
                try {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) return new Server(process, port, log);
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250); // the child JVM is still starting (killed on timeout)
            }
            process.destroyForcibly();
            throw new AssertionError("the app did not start within 2 minutes");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}

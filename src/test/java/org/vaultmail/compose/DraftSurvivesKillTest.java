package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vaultmail.testing.Browser;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * A draft survives a {@code kill -9} of the server: the app runs as its own process, the user writes (saves as
 * the composer's autosave does), the process is killed (SIGKILL, no shutdown hooks), even in the middle of a
 * save, and a restarted app on the same data directory continues the draft from Drafts.
 */
class DraftSurvivesKillTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Kill-Canary-" + UUID.randomUUID().toString().substring(0, 8);
    static final String ME = "killed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    @Test
    void theDraftIsInDraftsAfterAKillAndTheRestartedAppContinuesIt() throws Exception {
        MAIL.createUser(ME, PASSWORD);
        try (Store store = MAIL.imap(ME, PASSWORD)) {
            store.getFolder("Drafts").create(Folder.HOLDS_MESSAGES);
        }
        Path dataDir = Files.createTempDirectory("vaultmail-kill-test-");

        Server first = Server.start(dataDir);
        long uid;
        try {
            HttpCalls http = new HttpCalls(first.port);
            String bearer = signIn(http);
            Map<String, Object> draft = new LinkedHashMap<>();
            draft.put("to", List.of("someone@example.org"));
            draft.put("subject", "Unfinished thoughts");
            draft.put("text", "The first paragraph, typed before the crash.");
            Reply created = http.send("POST", "/api/v1/drafts", ComposeApiTest.json(draft), "Authorization", bearer);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            uid = created.json().get("uid").asLong();
            // the next autosave is in flight when the process dies
            draft.put("text", "The first paragraph, typed before the crash. And a second one, maybe saved.");
            String body = ComposeApiTest.json(draft);
            long previous = uid;
            CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.send("PUT", "/api/v1/drafts/" + previous, body, "Authorization", bearer);
                } catch (RuntimeException e) {
                    return null; // the connection died with the process
                }
            });
            Thread.sleep(40); // the save is in flight: the kill lands in the middle of it
            first.kill();
            inFlight.join();
        } finally {
            first.kill();
        }

        try (Store store = MAIL.imap(ME, PASSWORD)) {
            Folder drafts = store.getFolder("Drafts");
            drafts.open(Folder.READ_ONLY);
            Message[] found = drafts.search(new SubjectTerm("Unfinished thoughts"));
            assertThat(found).as("at least one version survives; at most the old and the new").hasSizeBetween(1, 2);
        }

        Server second = Server.start(dataDir);
        try {
            HttpCalls http = new HttpCalls(second.port);
            String bearer = signIn(http);
            JsonNode list = http.get("/api/v1/folders/Drafts/messages", "Authorization", bearer).json();
            JsonNode newest = list.get("messages").get(0);
            assertThat(newest.get("subject").asString()).isEqualTo("Unfinished thoughts");
            Reply opened = http.get("/api/v1/drafts/" + newest.get("uid").asLong(), "Authorization", bearer);
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(opened.json().get("letter").get("text").asString()).startsWith("The first paragraph, typed before the crash.");
            assertThat(opened.json().get("letter").get("to").get(0).asString()).isEqualTo("someone@example.org");
            // and it continues: a save replaces it
            Reply continued = http.send("PUT", "/api/v1/drafts/" + newest.get("uid").asLong(),
                    HttpCalls.json("to", List.of("someone@example.org"), "subject", "Unfinished thoughts", "text", "Finished after the restart."),
                    "Authorization", bearer);
            assertThat(continued.status()).as(continued.body()).isEqualTo(200);
        } finally {
            second.kill();
        }
    }

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    /** The test: typing in the composer, kill -9 of the app, restart: the draft is in Drafts with the text. */
    @Test
    @Tag("e2e")
    void textTypedInTheComposerSurvivesAKillAndContinuesAfterTheRestart() throws Exception {
        String user = "typist-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String password = "typist-pass";
        MAIL.createUser(user, password);
        try (Store store = MAIL.imap(user, password)) {
            store.getFolder("Drafts").create(Folder.HOLDS_MESSAGES);
        }
        Path dataDir = Files.createTempDirectory("vaultmail-kill-e2e-");
        Server first = Server.start(dataDir);
        try {
            WebDriver page = signIn(first, user, password);
            page.navigate().to("http://localhost:" + first.port + "/compose");
            page.findElement(By.id("compose-to")).sendKeys("someone@example.org", Keys.ENTER);
            page.findElement(By.id("compose-subject")).sendKeys("Typed before the crash");
            page.findElement(By.id("compose-text")).sendKeys("Every word of this was typed in the browser.");
            Browser.waitUpTo(page, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
            first.kill(); // SIGKILL right after the autosave
        } finally {
            first.kill();
        }
        try (Store store = MAIL.imap(user, password)) {
            Folder drafts = store.getFolder("Drafts");
            drafts.open(Folder.READ_ONLY);
            Message[] found = drafts.search(new SubjectTerm("Typed before the crash"));
            assertThat(found).hasSize(1);
            assertThat(String.valueOf(((jakarta.mail.Multipart) found[0].getContent()).getBodyPart(0).getContent())).contains("Every word of this was typed in the browser.");
        }
        Server second = Server.start(dataDir);
        try {
            WebDriver page = signIn(second, user, password);
            page.navigate().to("http://localhost:" + second.port + "/mail/Drafts");
            Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".message-row .row-link"))).click();
            Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("continue-draft"))).click();
            Browser.waitUpTo(page, Duration.ofSeconds(20)).until(d -> "Typed before the crash".equals(d.findElement(By.id("compose-subject")).getAttribute("value")));
            assertThat(page.findElement(By.id("compose-text")).getAttribute("value")).isEqualTo("Every word of this was typed in the browser.");
        } finally {
            second.kill();
        }
    }

    WebDriver signIn(Server server, String user, String password) {
        WebDriver page = browser.browser().open("http://localhost:" + server.port + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("compose-new")));
        return page;
    }

    static String signIn(HttpCalls http) {
        Reply signIn = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", ME, "password", PASSWORD));
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(201);
        return "Bearer " + signIn.json().get("accessToken").asString();
    }

    /** The app in a child JVM, as {@code java -jar} would run it. */
    record Server(Process process, int port) {

        static Server start(Path dataDir) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:off", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), VaultmailApplication.class.getName(),
                    "--server.port=" + port, "--vaultmail.data-dir=" + dataDir, "--vaultmail.scheduling.enabled=false",
                    "--vaultmail.auth.throttle.requests-per-minute=0", "--logging.level.root=warn"));
            MAIL.domainProperties(0, "example.test").forEach((k, v) -> command.add("--" + k + "=" + v));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("server-" + port + ".log").toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("VAULTMAIL_") || k.startsWith("SPRING_") || k.startsWith("LOGGING_"));
            Process process = builder.start();
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new AssertionError("the app exited: " + Files.readString(dataDir.resolve("server-" + port + ".log")));
                try {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) return new Server(process, port);
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250); // the child JVM is still starting (killed on timeout)
            }
            process.destroyForcibly();
            throw new AssertionError("the app did not start within 2 minutes");
        }

        /** SIGKILL: no shutdown hook, no graceful shutdown. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}

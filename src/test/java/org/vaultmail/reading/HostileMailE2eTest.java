package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.Requirements;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * G7 in a real browser: every payload of the DOMPurify fixture corpus (../shared/corpora/xss) and of our own
 * corpus of Roundcube CVE classes (src/test/resources/hostile) is delivered as a real message and opened on
 * its message page, as a user would. The page is instrumented before any script of it runs ({@code alert},
 * {@code confirm}, {@code prompt}, {@code print}, {@code fetch}, {@code XMLHttpRequest}, {@code window.open},
 * {@code postMessage} and uncaught errors, in every frame where script can run); then, per message: nothing
 * was called, no request left for a host other than Vaultmail's own before "show images", the top window did
 * not navigate, the frame holds no script element or event-handler attribute, and the console holds no error
 * other than the content-security-policy refusals that prove the second layer working.
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMailE2eTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Hostile-Canary-52b1d7";
    static final String ADDRESS = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    static final String FOLDER = "Hostile";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Recorded in the top window; the sandboxed frame cannot run script at all, so it has nothing to record. */
    static final String INSTRUMENT = """
            (() => {
              const log = (what, detail) => { try { (window.top.__hostile = window.top.__hostile || []).push(what + ':' + String(detail).slice(0, 200)); } catch (e) {} };
              for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
                const original = window[name];
                window[name] = function (...args) { log(name, args[0]); return name === 'open' ? null : undefined; };
              }
              const originalFetch = window.fetch;
              window.fetch = function (input, init) {
                const url = String(input && input.url ? input.url : input);
                if (!url.startsWith(location.origin + '/') && !url.startsWith('/')) log('fetch', url);
                return originalFetch.apply(this, arguments);
              };
              const originalOpen = XMLHttpRequest.prototype.open;
              XMLHttpRequest.prototype.open = function (method, url) {
                const u = String(url);
                if (!u.startsWith(location.origin + '/') && !u.startsWith('/')) log('xhr', u);
                return originalOpen.apply(this, arguments);
              };
              window.addEventListener('error', e => log('error', e.message));
              window.addEventListener('message', e => { if (e.origin !== location.origin) log('postMessage', e.data); });
            })();
            """;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    record Payload(String name, String html, boolean plainText) {
    }

    final List<Payload> payloads = new ArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("vaultmail.data-dir", Files.createTempDirectory("vaultmail-hostile-")::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @BeforeAll
    void deliverEveryPayload() throws Exception {
        Path dompurify = sharedCorpus();
        Requirements.require(Files.isRegularFile(dompurify), "the DOMPurify corpus at " + dompurify);
        int n = 0;
        for (JsonNode fixture : JSON.readTree(dompurify.toFile())) {
            String title = fixture.has("title") ? fixture.get("title").asString() : "fixture " + n;
            payloads.add(new Payload("dompurify: " + title, fixture.get("payload").asString(), false));
            n++;
        }
        try (InputStream own = HostileMailE2eTest.class.getResourceAsStream("/hostile/roundcube-classes.json")) {
            if (own != null) {
                for (JsonNode entry : JSON.readTree(own)) {
                    boolean plain = entry.has("plain") && entry.get("plain").asBoolean();
                    payloads.add(new Payload("own: " + entry.get("name").asString(), entry.get("html").asString(), plain));
                }
            }
        }
        MAIL.createUser(ADDRESS, PASSWORD);
        Session session = Session.getInstance(new Properties());
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Payload p = payloads.get(i);
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("attacker@evil.example", "Attacker"));
            m.setRecipients(Message.RecipientType.TO, ADDRESS);
            m.setSubject("P" + i + " " + p.name().replaceAll("[\\r\\n]", " "), "utf-8");
            if (p.plainText()) m.setText(p.html(), "utf-8");
            else m.setContent("<html><body>" + p.html() + "</body></html>", "text/html; charset=utf-8");
            m.setHeader("X-Payload-Index", Integer.toString(i));
            m.saveChanges();
            messages.add(m);
        }
        try (Store store = MAIL.imap(ADDRESS, PASSWORD)) {
            Folder folder = store.getFolder(FOLDER);
            folder.create(Folder.HOLDS_MESSAGES);
            folder.appendMessages(messages.toArray(Message[]::new));
        }
    }

    static Path sharedCorpus() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) dir = dir.getParent();
        Path root = dir == null ? Path.of("").toAbsolutePath() : dir;
        return root.resolveSibling("shared").resolve("corpora").resolve("xss").resolve("dompurify-fixtures.json");
    }

    @Test
    void noPayloadRunsScriptLoadsRemoteContentOrNavigates() {
        String base = "http://localhost:" + port;
        Browser chromium = browser.browser();
        WebDriver page = chromium.driver();
        ((ChromeDriver) page).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INSTRUMENT));
        signIn(page, base);
        Map<Integer, Long> uidByIndex = uidsByPayload(page, base);
        assertThat(uidByIndex).hasSize(payloads.size());

        // each message opens the way a click on its row does: an htmx request for the reading pane, which holds the frame
        String folderUrl = base + "/mail/" + FOLDER;
        page.get(folderUrl);
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(d -> ((JavascriptExecutor) d).executeScript("return !!window.htmx"));
        proveTheChecksCanFail(chromium, page, base, folderUrl);

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            long uid = uidByIndex.get(i);
            ((JavascriptExecutor) page).executeScript(
                    "htmx.ajax('GET', arguments[0], {target: '#reading-pane', swap: 'innerHTML'})", "/mail/" + FOLDER + "/" + uid);
            waitForFrame(page, uid);
            List<String> problems = check(chromium, page, base, folderUrl);
            if (!problems.isEmpty()) failures.add("P" + i + " " + payloads.get(i).name() + " -> " + problems);
        }
        assertThat(failures).as("payloads that got through").isEmpty();
    }

    /** Everything that would show an escape, for the message just opened. */
    @SuppressWarnings("unchecked")
    static List<String> check(Browser chromium, WebDriver page, String base, String url) {
        List<String> problems = new ArrayList<>();
        JavascriptExecutor js = (JavascriptExecutor) page;
        Object calls = js.executeScript("const c = window.__hostile || []; window.__hostile = []; return c");
        if (calls instanceof List<?> list && !list.isEmpty()) problems.add("calls " + list);
        if (!page.getCurrentUrl().equals(url)) problems.add("top window navigated to " + page.getCurrentUrl());
        Object frame = js.executeScript("""
                const f = document.querySelector('#reading-pane iframe');
                if (!f) return 'no frame';
                const d = f.contentDocument;
                if (!d) return 'frame not same-origin';
                if (d.querySelector('script')) return 'script element in frame';
                for (const e of d.querySelectorAll('*')) for (const a of e.attributes)
                  if (a.name.toLowerCase().startsWith('on')) return 'event handler ' + a.name;
                if (d.querySelector('iframe, object, embed, form, base, meta[http-equiv]')) return 'active element in frame';
                if (!f.hasAttribute('sandbox') || f.getAttribute('sandbox').includes('allow-scripts')) return 'frame not sandboxed';
                return null;""");
        if (frame != null) problems.add(String.valueOf(frame));
        for (String requested : chromium.requestedUrls()) {
            if (requested.startsWith(base + "/") || requested.startsWith("data:image/") || requested.equals("about:blank")) continue;
            problems.add("request to " + requested);
        }
        for (String line : chromium.console()) {
            if (line.startsWith("SEVERE") && !line.contains("Content Security Policy") && !line.contains("Refused to")) {
                problems.add("console " + line);
            }
        }
        return problems;
    }

    /** Waits until the reading pane's frame holds message {@code uid}'s body, fully loaded. */
    static void waitForFrame(WebDriver page, long uid) {
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(d -> ((JavascriptExecutor) d).executeScript("""
                const f = document.querySelector('#reading-pane iframe');
                return !!f && !!f.contentDocument && f.contentDocument.readyState === 'complete'
                    && f.contentDocument.location.pathname.endsWith('/' + arguments[0] + '/frame');""", uid));
    }

    /** The checks are only worth something if they notice an escape: provoke each kind once in the top window. */
    static void proveTheChecksCanFail(Browser chromium, WebDriver page, String base, String url) {
        chromium.requestedUrls();
        chromium.console();
        JavascriptExecutor js = (JavascriptExecutor) page;
        js.executeScript("window.alert('provoked'); const i = new Image(); i.src = 'http://127.0.0.1:9/provoked.png';"
                + "document.body.appendChild(i); console.error('provoked error')");
        try {
            Thread.sleep(500); // let the image request and the console line reach the logs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> problems = check(chromium, page, base, url);
        assertThat(problems).as("the harness notices a call, a remote request and a console error")
                .anyMatch(p -> p.startsWith("calls") && p.contains("alert"))
                .anyMatch(p -> p.contains("http://127.0.0.1:9/provoked.png"))
                .anyMatch(p -> p.startsWith("console") && p.contains("provoked error"));
        js.executeScript("window.__hostile = []");
        chromium.requestedUrls();
        chromium.console();
    }

    void signIn(WebDriver page, String base) {
        page.get(base + "/signin");
        page.findElement(By.id("address")).sendKeys(ADDRESS);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/signin")));
    }

    /** The UID of each payload's message, read from the API with the browser's own cookies. */
    Map<Integer, Long> uidsByPayload(WebDriver page, String base) {
        @SuppressWarnings("unchecked")
        List<Object> rows = (List<Object>) ((JavascriptExecutor) page).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/folders/Hostile/messages?limit=200&sort=arrival&order=asc').then(r => r.json()).then(async first => {
                  let all = first.messages;
                  for (let offset = 200; offset < first.total; offset += 200) {
                    const more = await fetch('/api/v1/folders/Hostile/messages?limit=200&sort=arrival&order=asc&offset=' + offset).then(r => r.json());
                    all = all.concat(more.messages);
                  }
                  done(all.map(m => [m.subject, m.uid]));
                }).catch(e => done([['error', String(e)]]));""");
        Map<Integer, Long> byIndex = new java.util.HashMap<>();
        for (Object row : rows) {
            List<?> pair = (List<?>) row;
            String subject = String.valueOf(pair.get(0));
            if (!subject.startsWith("P")) continue;
            int space = subject.indexOf(' ');
            byIndex.put(Integer.parseInt(subject.substring(1, space < 0 ? subject.length() : space)), ((Number) pair.get(1)).longValue());
        }
        return byIndex;
    }
}

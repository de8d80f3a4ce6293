package org.vaultmail.a11y;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs axe-core (vendored test resource {@code a11y/axe-core/axe.min.js}, version pinned in its VERSION.md) in the
 * page a {@link WebDriver} shows: injected through ChromeDriver, never served by the app, so the app's CSP needs no
 * exception. Checks WCAG 2.0/2.1/2.2 A and AA plus axe's best practices; the message frame is excluded (its content
 * is the sender's HTML, see ADR 0053).
 */
final class Axe {

    /** The impacts that fail a page: issue 17 asks for no serious or critical violation. */
    static final Set<String> FAILING = Set.of("serious", "critical");

    /** Rules switched off, each with its reason in ADR 0053; empty while none is needed. */
    static final Map<String, String> DISABLED = Map.of();

    private static final String SOURCE = load();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One rule broken on one page, with every element it was broken on. */
    record Violation(String page, String rule, String impact, String help, String helpUrl, List<String> targets) {

        boolean failing() {
            return FAILING.contains(impact);
        }

        String describe() {
            return "[" + impact + "] " + rule + " on " + page + ": " + help + " (" + helpUrl + ")\n      at "
                    + String.join("\n      at ", targets);
        }
    }

    private Axe() {
    }

    /** The violations on the current page, each labelled with {@code page}; the frame of a message is not checked. */
    static List<Violation> check(WebDriver driver, String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // the API docs page is large and the machine shared: ChromeDriver's 30 s default cut a run short once
        driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(120));
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) js.executeScript(SOURCE);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const rules = {};
                for (const id of arguments[0]) rules[id] = { enabled: false };
                axe.run({ exclude: [['#message-frame']] }, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                    resultTypes: ['violations'], iframes: false, rules
                }).then(r => done(JSON.stringify(r.violations)), e => done('axe failed: ' + e));
                """, List.copyOf(DISABLED.keySet()));
        String text = String.valueOf(result);
        if (!text.startsWith("[")) throw new IllegalStateException(text + " on " + page);
        List<Violation> found = new ArrayList<>();
        for (JsonNode v : JSON.readTree(text)) {
            List<String> targets = new ArrayList<>();
            for (JsonNode node : v.path("nodes")) {
                String summary = node.path("failureSummary").asString("").replace('\n', ' ');
                targets.add(node.path("target").toString() + "  " + summary);
            }
            found.add(new Violation(page, v.path("id").asString(), v.path("impact").asString("minor"),
                    v.path("help").asString(), v.path("helpUrl").asString(), targets));
        }
        return found;
    }

    /**
     * Shows the page as in {@code theme} ("light" or "dark"): the system preference and the app's remembered choice.
     * Returns the page's background colour then, so a test can tell that the theme did change.
     */
    static String theme(WebDriver driver, String theme) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
        ((JavascriptExecutor) driver).executeScript("""
                try { localStorage.setItem('vaultmail-theme', arguments[0]); } catch (e) {}
                if (document.documentElement.dataset) document.documentElement.dataset.theme = arguments[0];
                """, theme);
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).backgroundColor"));
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/a11y/axe-core/axe.min.js")) {
            if (in == null) throw new IllegalStateException("a11y/axe-core/axe.min.js missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

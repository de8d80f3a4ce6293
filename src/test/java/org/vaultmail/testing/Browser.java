package org.vaultmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven by Selenium 4, using Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}; both paths are set explicitly so Selenium Manager never downloads.
 * Each browser gets a fresh profile directory, deleted on {@link #close()}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser() throws IOException {
        profile = Files.createTempDirectory("vaultmail-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile.resolve("profile"));
        // the performance log carries the DevTools network events (every request the page makes, frames
        // included); the browser log carries console messages and CSP violations
        options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL", "browser", "ALL"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(downloads());
        // headless Chromium saves downloads only where it is told to, without asking
        driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
                "downloadPath", downloads().toAbsolutePath().toString()));
    }

    /** Where files the page downloads are saved. */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    /** The first file downloaded whose name ends with {@code suffix}, once complete; fails after {@code timeout}. */
    public Path awaitDownload(String suffix, Duration timeout) {
        return Await.until("a download ending in " + suffix, timeout, () -> {
            try (var files = Files.list(downloads())) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, java.util.Objects::nonNull);
    }

    /** Whether Chromium and ChromeDriver are installed ({@code apt-get install chromium chromium-driver}). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts a browser, or skips the test (fails it in CI) when Chromium is not installed. */
    public static Browser launch() {
        Requirements.require(available(), "Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)");
        try {
            return new Browser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Sends {@code languages} as Accept-Language from now on (languages without weights, e.g. {@code "de-DE,de,en"}: Chromium adds the q-values), as a browser set to them does. */
    public Browser acceptLanguage(String languages) {
        String agent = (String) driver.executeScript("return navigator.userAgent");
        driver.executeCdpCommand("Network.setUserAgentOverride", java.util.Map.of("userAgent", agent, "acceptLanguage", languages));
        return this;
    }

    /**
     * A wait that checks every 50 ms: Selenium's default of 500 ms made every step of a browser test cost up to
     * half a second more than the page needed, which was most of the suite's browser time.
     */
    public static org.openqa.selenium.support.ui.WebDriverWait waitUpTo(WebDriver driver, Duration timeout) {
        // an htmx swap can replace an element between a condition's find and its read: look again next time
        org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, timeout, Duration.ofMillis(50)) {
            @Override
            public <V> V until(java.util.function.Function<? super WebDriver, ? extends V> condition) {
                // a look taken while the page navigates (a form posted a moment ago) is "not yet", not a failure:
                // Chromium answers it with "aborted by navigation"
                return super.until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        String why = String.valueOf(e.getMessage());
                        // "does not belong to the document": the node was swapped out between the find and the read
                        if (why.contains("aborted by navigation") || why.contains("does not belong to the document")) return null;
                        throw e;
                    }
                });
            }
        };
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Opens {@code url} and waits for the page to load. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Saves a PNG screenshot and the page source as {@code target/e2e-screenshots/NAME.png|.html}; returns the PNG. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
            Path png = SCREENSHOTS.resolve(safe + ".png");
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            String source = driver.getPageSource();
            Files.writeString(SCREENSHOTS.resolve(safe + ".html"), source == null ? "" : source, StandardCharsets.UTF_8);
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The URLs the browser requested since the last call (from DevTools' {@code Network.requestWillBeSent}
     * in the performance log): documents, frames, images, scripts, fetches.
     */
    public java.util.List<String> requestedUrls() {
        java.util.List<String> urls = new java.util.ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry entry : driver.manage().logs().get("performance")) {
            tools.jackson.databind.JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (!message.path("method").asString("").equals("Network.requestWillBeSent")) continue;
            String url = message.path("params").path("request").path("url").asString("");
            if (!url.isEmpty()) urls.add(url);
        }
        return urls;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** Console messages (errors, CSP violations, logs) since the last call, as "LEVEL message". */
    public java.util.List<String> console() {
        return driver.manage().logs().get("browser").getAll().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }
}

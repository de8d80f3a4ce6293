package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;

/** The e2e harness itself: a real Chromium, and evidence saved when a test fails. */
@Tag("e2e")
class BrowserExtensionTest {

    @Test
    void failedTestLeavesAScreenshotAndThePageSource() throws Exception {
        BrowserExtension extension = new BrowserExtension();
        extension.browser().open("data:text/html,<title>boom</title><p id=x>failed here</p>");
        assertThat(extension.browser().driver().findElement(By.id("x")).getText()).isEqualTo("failed here");
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getExecutionException()).thenReturn(Optional.of(new AssertionError("expected")));
        when(context.getRequiredTestClass()).thenAnswer(i -> BrowserExtensionTest.class);
        when(context.getRequiredTestMethod()).thenReturn(BrowserExtensionTest.class.getDeclaredMethod("failedTestLeavesAScreenshotAndThePageSource"));
        List<Path> before = saved();

        extension.afterTestExecution(context);
        extension.afterEach(context);

        List<Path> added = saved().stream().filter(p -> !before.contains(p)).toList();
        assertThat(added).anyMatch(p -> p.toString().endsWith(".png")).anyMatch(p -> p.toString().endsWith(".html"));
        Path html = added.stream().filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        assertThat(Files.readString(html)).contains("failed here");
    }

    @Test
    void passingTestSavesNothing() throws Exception {
        BrowserExtension extension = new BrowserExtension();
        extension.browser().open("data:text/html,<p>fine</p>");
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getExecutionException()).thenReturn(Optional.empty());
        List<Path> before = saved();

        extension.afterTestExecution(context);
        extension.afterEach(context);

        assertThat(saved()).isEqualTo(before);
    }

    @Test
    void recordsEveryRequestAndTheConsole() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<p>page</p><img src=\"/pixel.png\"><script>console.error('canary-console')</script>"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Browser browser = Browser.launch()) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            browser.open(base + "/start");
            assertThat(browser.requestedUrls()).contains(base + "/start", base + "/pixel.png");
            assertThat(browser.console()).anyMatch(line -> line.contains("canary-console"));
        } finally {
            server.stop(0);
        }
    }

    private static List<Path> saved() throws IOException {
        if (!Files.isDirectory(Browser.SCREENSHOTS)) return List.of();
        try (Stream<Path> files = Files.list(Browser.SCREENSHOTS)) {
            return files.filter(p -> p.getFileName().toString().startsWith("BrowserExtensionTest.")).sorted().toList();
        }
    }
}

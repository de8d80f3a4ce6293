package org.vaultmail.testing;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test a {@link Browser} on first use and closes it afterwards; when the test fails, saves a
 * screenshot and the page source to {@code target/e2e-screenshots/} first. Register it per test:
 * {@code @RegisterExtension final BrowserExtension browser = new BrowserExtension();}
 */
public final class BrowserExtension implements AfterTestExecutionCallback, AfterEachCallback {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private @Nullable Browser browser;

    /** The browser, started now if this test has not used it yet (skips when Chromium is missing). */
    public Browser browser() {
        if (browser == null) browser = Browser.launch();
        return browser;
    }

    /** Runs before {@code @AfterEach} methods, while the page the test failed on is still shown. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (browser != null && context.getExecutionException().isPresent()) {
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                    + "-" + LocalDateTime.now().format(STAMP);
            try {
                System.err.println("e2e: test failed, saved " + browser.screenshot(name).toAbsolutePath());
            } catch (RuntimeException e) {
                System.err.println("e2e: could not save a screenshot: " + e);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            try {
                browser.close();
            } finally {
                browser = null;
            }
        }
    }
}

package org.vaultmail.a11y;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.demo.DemoMailSeeder;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.GreenMailFixture;

/**
 * The whole app on a random port against GreenMail holding the demo's mailboxes (alice and bob at demo.test), with
 * what the accessibility tests need besides: an operator made through {@code vaultmail admin create}, TOTP codes,
 * signing in through the page.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class A11yTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.startWithDemoMail();
    static final String ALICE = DemoMailSeeder.ALICE;
    static final String ALICE_PASSWORD = DemoMailSeeder.ALICE_PASSWORD;
    static final String OPERATOR_PASSWORD = "A11y-Operator-Canary-51c3";
    private static final Pattern SECRET = Pattern.compile("secret: +([A-Z2-7]+)");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            String dir = Files.createTempDirectory("vaultmail-a11y-test-").toString();
            registry.add("vaultmail.data-dir", () -> dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.compose.undo-delay", () -> "1s"); // the keyboard test sends; the undo toast still shows
        MAIL.registerDomain(registry, 0, "demo.test");
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandLineInterface cli;

    String base() {
        return "http://localhost:" + port;
    }

    /** Creates operator {@code name} through the command line; returns its TOTP secret. */
    String createOperator(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        var stdin = System.in;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((OPERATOR_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("admin", List.of("create", name))).isZero();
        } finally {
            System.setOut(stdout);
            System.setIn(stdin);
        }
        Matcher m = SECRET.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The TOTP code of {@code secret} {@code stepOffset} steps from now. */
    static String code(String secret, int stepOffset) {
        Totp totp = Totp.standard(Clock.systemUTC());
        return totp.code(Base32.decode(secret), totp.currentStep() + stepOffset);
    }

    /** Signs in on the sign-in page with the mouse-free form submit and waits for the mail page. */
    void signIn(WebDriver page, String address, String password) {
        page.get(base() + "/signin");
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("submit")).click();
        waitFor(page, "message-list");
    }

    static void waitFor(WebDriver page, String id) {
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}

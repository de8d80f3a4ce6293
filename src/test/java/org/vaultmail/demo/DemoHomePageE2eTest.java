package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DemoAppTest;

/** A real Chromium loads the demo's home page. */
@DemoAppTest
class DemoHomePageE2eTest {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @Test
    void homePageRendersInChromium() {
        WebDriver page = browser.browser().open("http://127.0.0.1:" + port + "/").driver();
        assertThat(page.getTitle()).isEqualTo("Vaultmail");
        assertThat(page.findElement(By.id("status")).getText()).contains("demo");
    }

    @Test
    void screenshotOfTheHomePageIsAPng() throws Exception {
        Path png = browser.browser().open("http://127.0.0.1:" + port + "/").screenshot("demo-home");
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).hasSizeGreaterThan(1000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}

package org.vaultmail.webmail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.demo.DemoMailSeeder;
import org.vaultmail.testing.GreenMailFixture;

/**
 * The whole app on a random port against GreenMail holding the demo's mailboxes (alice: about 200 messages in
 * INBOX, Sent, Drafts, Archive, Projects/Vaultmail, with HTML newsletters, cid images and attachments). The
 * integration and browser tests share this one context.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WebmailTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.startWithDemoMail();
    static final String ALICE = DemoMailSeeder.ALICE;
    static final String ALICE_PASSWORD = DemoMailSeeder.ALICE_PASSWORD;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            String dir = Files.createTempDirectory("vaultmail-webmail-test-").toString();
            registry.add("vaultmail.data-dir", () -> dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        MAIL.registerDomain(registry, 0, "demo.test");
    }

    @LocalServerPort
    int port;
}

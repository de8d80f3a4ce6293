package org.vaultmail.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.session.Users;
import org.vaultmail.gateway.apikeys.TrustedApiKeyIssuer;
import org.vaultmail.gateway.mailboxes.TrustedMailboxConnections;
import org.vaultmail.vault.Secret;

/**
 * Makes the sending gateway usable in the demo without any setup, at every start and idempotently: alice's own
 * mailbox is connected (through the mailboxes feature, with its real connection test against the demo mail server),
 * and alice has an API key with {@code send} and {@code outbox:read} in {@code <data-dir>/demo-api-key} (0600). A key
 * already in that file is kept while it still works; otherwise a new one replaces it. The key goes to that file only.
 */
@Component
@Profile("demo")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoGateway implements ApplicationRunner {

    static final String KEY_NAME = "Demo key (./vaultmail demo)";
    static final List<String> KEY_SCOPES = List.of("send", "outbox:read");
    private static final Logger log = LoggerFactory.getLogger(DemoGateway.class);

    /** What the banner shows: the key file, or why the gateway demo is not ready. */
    record Status(Path keyFile, @Nullable String problem) {
        boolean ready() {
            return problem == null;
        }
    }

    private final Users users;
    private final TrustedMailboxConnections mailboxes;
    private final TrustedApiKeyIssuer keys;
    private final DemoApiKeyFile keyFile;
    private final Clock clock;
    private volatile Status status;

    DemoGateway(Users users, TrustedMailboxConnections mailboxes, TrustedApiKeyIssuer keys,
                @Value("${vaultmail.data-dir:./data}") String dataDirectory) {
        this.users = users;
        this.mailboxes = mailboxes;
        this.keys = keys;
        this.keyFile = new DemoApiKeyFile(Path.of(dataDirectory));
        this.clock = Clock.systemUTC();
        this.status = new Status(keyFile.path(), "not set up yet");
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            setUp();
            status = new Status(keyFile.path(), null);
        } catch (RuntimeException e) {
            // the webmail demo still works; the banner says the API part is missing and why (no secret in the message)
            log.error("Setting up the demo's sending gateway failed", e);
            status = new Status(keyFile.path(), String.valueOf(e.getMessage()));
        }
    }

    Status status() {
        return status;
    }

    void setUp() {
        long alice = users.idOrFirstSignIn(DemoMailSeeder.ALICE, clock.instant());
        try (Secret password = Secret.ofUtf8(DemoMailSeeder.ALICE_PASSWORD)) {
            TrustedMailboxConnections.Outcome mailbox = mailboxes.connectOwnMailbox(alice, DemoMailSeeder.ALICE, password);
            log.info("Demo: {} is a connected mailbox (id {}, {}{})", DemoMailSeeder.ALICE, mailbox.mailboxId(),
                    mailbox.state(), mailbox.connectedNow() ? ", connected now" : ", as before");
        }
        String existing = keyFile.read().orElse(null);
        if (existing != null && keys.usable(existing, alice, KEY_SCOPES)) {
            log.info("Demo: the API key in {} still works; kept", keyFile.path());
            return;
        }
        TrustedApiKeyIssuer.IssuedKey issued = keys.issueWithoutInteractiveChecks(alice, KEY_NAME, KEY_SCOPES, "demo");
        keyFile.write(issued.reveal());
        log.info("Demo: new API key {}… (id {}) for {} written to {} (0600)", issued.prefix(), issued.id(),
                DemoMailSeeder.ALICE, keyFile.path());
    }
}

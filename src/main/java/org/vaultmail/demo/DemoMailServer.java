package org.vaultmail.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's in-process IMAP/SMTP server (GreenMail, in memory, loopback only) with its users; the
 * mail itself is seeded on a second thread (a few seconds of the start-up otherwise).
 * {@link DemoMailServerStarter} starts it before any bean exists and stops it with the context.
 */
class DemoMailServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    private final GreenMail greenMail;
    private final CompletableFuture<Integer> seeding;

    DemoMailServer(DemoProperties properties) {
        ensureFree("IMAP", properties.imapPort(), "vaultmail.demo.imap-port");
        ensureFree("SMTP", properties.smtpPort(), "vaultmail.demo.smtp-port");
        long start = System.nanoTime();
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(properties.imapPort(), HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(properties.smtpPort(), HOST, ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        GreenMailUser alice = greenMail.setUser(DemoMailSeeder.ALICE, DemoMailSeeder.ALICE, DemoMailSeeder.ALICE_PASSWORD);
        GreenMailUser bob = greenMail.setUser(DemoMailSeeder.BOB, DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD);
        GreenMailUser aliceOld = greenMail.setUser(DemoMailSeeder.ALICE_OLD, DemoMailSeeder.ALICE_OLD, DemoMailSeeder.ALICE_OLD_PASSWORD);
        DemoMailSeeder seeder = new DemoMailSeeder(greenMail, Clock.systemUTC());
        seeding = CompletableFuture.supplyAsync(() -> seeder.seedAlice(alice) + seeder.seedBob(bob) + seeder.seedAliceOld(aliceOld),
                task -> Thread.ofPlatform().name("demo-mail-seeder").daemon().start(task));
        seeding.whenComplete((count, failure) -> {
            if (failure != null) {
                log.error("Seeding the demo mailboxes failed", failure);
            } else {
                log.info("Demo mail server on {} (IMAP {}, SMTP {}) seeded with {} messages in {} ms", HOST,
                        imapPort(), smtpPort(), count, (System.nanoTime() - start) / 1_000_000);
            }
        });
    }

    /** Waits until the demo mail is in place; returns how many messages were seeded. */
    int awaitSeeded(Duration timeout) {
        try {
            return seeding.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding the demo mailboxes failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Seeding the demo mailboxes took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the demo mailboxes", e);
        }
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** Fails with a clear message instead of GreenMail's start-up timeout when a port is taken. */
    private static void ensureFree(String protocol, int port, String property) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new DemoPortInUseException(protocol, HOST, port, property, e);
        }
    }
}

package org.vaultmail.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's in-process IMAP/SMTP server (GreenMail, in memory, loopback only), started and seeded
 * while the context is built, so it is ready before the web server accepts a request; stopped on shutdown.
 */
@Component
@Profile("demo")
class DemoMailServer implements DisposableBean {

    static final String HOST = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    private final GreenMail greenMail;
    private final int seeded;

    DemoMailServer(DemoProperties properties) {
        ensureFree("IMAP", properties.imapPort(), "vaultmail.demo.imap-port");
        ensureFree("SMTP", properties.smtpPort(), "vaultmail.demo.smtp-port");
        long start = System.nanoTime();
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(properties.imapPort(), HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(properties.smtpPort(), HOST, ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        try {
            seeded = new DemoMailSeeder(greenMail, Clock.systemUTC()).seedDemoAccounts();
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        log.info("Demo mail server on {} (IMAP {}, SMTP {}) seeded with {} messages in {} ms", HOST,
                imapPort(), smtpPort(), seeded, (System.nanoTime() - start) / 1_000_000);
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int seededMessages() {
        return seeded;
    }

    @Override
    public void destroy() {
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

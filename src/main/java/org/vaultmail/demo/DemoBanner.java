package org.vaultmail.demo;

import java.time.Duration;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who ran {@code ./vaultmail demo} where to go and how to sign in. */
@Component
@Profile("demo")
class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

    private final DemoMailServer mailServer;

    DemoBanner(DemoMailServer mailServer) {
        this.mailServer = mailServer;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        System.out.println(text(event.getApplicationContext().getEnvironment()));
        System.out.flush();
    }

    String text(Environment env) {
        String host = env.getProperty("server.address", "127.0.0.1");
        int messages = mailServer.awaitSeeded(Duration.ofMinutes(1));
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        return """

                ================================================================
                  Vaultmail DEMO is running:  http://%s:%s
                ----------------------------------------------------------------
                  Demo accounts (sign in with the full address):
                    %-18s password: %s
                    %-18s password: %s
                  Demo mail server (in memory, %s only):
                    IMAP %d   SMTP %d   (plain, no TLS)
                  All mail here is made-up demo data (%d messages) and is lost
                  when this process stops. Press Ctrl+C to stop.
                ================================================================
                """.formatted(host, port, DemoMailSeeder.ALICE, DemoMailSeeder.ALICE_PASSWORD,
                DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD, DemoMailServer.HOST,
                mailServer.imapPort(), mailServer.smtpPort(), messages);
    }
}

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
    private final DemoGateway gateway;
    private final DemoMigration migration;

    DemoBanner(DemoMailServer mailServer, DemoGateway gateway, DemoMigration migration) {
        this.mailServer = mailServer;
        this.gateway = gateway;
        this.migration = migration;
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
                ----------------------------------------------------------------
                %s----------------------------------------------------------------
                %s================================================================
                """.formatted(host, port, DemoMailSeeder.ALICE, DemoMailSeeder.ALICE_PASSWORD,
                DemoMailSeeder.BOB, DemoMailSeeder.BOB_PASSWORD, DemoMailServer.HOST,
                mailServer.imapPort(), mailServer.smtpPort(), messages, sendingApi(host, port),
                migrationText(host, port, env.getProperty("vaultmail.data-dir", "./data/demo")));
    }

    /** The sending gateway part: a curl command that works as printed (the key is read from its file, never shown). */
    private String sendingApi(String host, String port) {
        DemoGateway.Status status = gateway.status();
        if (!status.ready()) {
            return """
                      Sending API: not set up (%s); see the log above.
                    """.formatted(status.problem());
        }
        String base = "http://" + host + ":" + port;
        String auth = "-H \"Authorization: Bearer $(cat " + shellWord(status.keyFile().toString()) + ")\"";
        return """
                  Sending API: alice@demo.test is a connected mailbox, and an
                  API key of alice's (send, outbox:read) is in
                    %s   (0600, shown nowhere else)
                  Send a message from alice to bob:

                curl -s %s -H 'Content-Type: application/json' -d '{"mailbox":"%s","to":["%s"],"subject":"Hello from the API","text":"Sent through Vaultmail’s outbox."}' %s/api/v1/outbox

                  Follow it with the "id" from the answer:
                curl -s %s %s/api/v1/outbox/ID

                  Then sign in as bob (his inbox), or as alice: her Sent folder,
                  and Settings → Sending API → Outbox, Webhooks, API keys.
                  In the demo, creating a key in the UI needs no second factor
                  (vaultmail.gateway.api-keys.require-second-factor: false).
                """.formatted(status.keyFile(), auth, DemoMailSeeder.ALICE, DemoMailSeeder.BOB, base, auth, base);
    }

    /** The migration part: the demo job and where to watch it (console, alice's settings, the CLI). */
    private String migrationText(String host, String port, String dataDir) {
        DemoMigration.Status status = migration.status();
        if (status.job() == null) {
            return """
                      Migration: no demo job (%s).
                    """.formatted(status.problem());
        }
        String id = status.job().id();
        return """
                  Migration: %s (password %s, folders %s)
                  is being imported into alice's mailbox: job %s (%s).
                  Watch it as alice (Settings), or as an operator at
                    http://%s:%s/admin/migrations
                  or from another terminal (the demo's data directory):
                    ./vaultmail migrate list --data-dir %s
                    ./vaultmail migrate status %s --json --data-dir %s
                  (migrate add, run, pause, resume, cancel: docs/runbooks/migrate-domain.md)
                """.formatted(DemoMailSeeder.ALICE_OLD, DemoMailSeeder.ALICE_OLD_PASSWORD,
                String.join(", ", DemoMailSeeder.ALICE_OLD_FOLDERS), id, status.job().state().label(), host, port,
                shellWord(dataDir), id, shellWord(dataDir));
    }

    /** The path as one shell word: as it is when it is plain, else single-quoted. */
    static String shellWord(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}

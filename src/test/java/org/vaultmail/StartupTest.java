package org.vaultmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real application in a child JVM the way {@code ./vaultmail serve} does. */
class StartupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void serveTakesConfigFilePortDataDirAndEnvironmentOverrides() throws IOException {
        int port = freePort();
        Path config = Files.writeString(dir.resolve("vaultmail.yml"), """
                server:
                  port: 1
                vaultmail:
                  data-dir: /nonexistent/overridden-by-option
                  db:
                    pool-size: 2
                  domains:
                    - domain: example.test
                      imap: { host: 127.0.0.1, port: 1993, security: tls }
                      smtp: { host: 127.0.0.1, port: 1025, security: plain }
                """);
        Path secret = Files.writeString(dir.resolve("db-password"), "s3cret-from-file\n");
        Path dataDir = dir.resolve("data");

        AppProcess.Result result = AppProcess.run(TIMEOUT,
                Map.of("VAULTMAIL_DB_POOL_SIZE", "3", "VAULTMAIL_LOGGING_FORMAT", "text",
                        "VAULTMAIL_DB_PASSWORD_FILE", secret.toString()),
                "serve", "--config", config.toString(), "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--spring.main.sources=" + StartupProbe.class.getName());

        assertThat(result.output())
                .contains("probe.port=" + port + "\n")
                .contains("probe.data-dir=" + dataDir + "\n")
                .contains("probe.domains=[example.test/127.0.0.1:1993 (tls)]\n")
                .contains("probe.db-pool-size=3\n")
                .contains("probe.logging-format=text\n")
                .contains("probe.db-password-from-file=true\n")
                .contains("probe.home=200 true\n")
                .doesNotContain("s3cret-from-file");
        assertThat(dataDir.resolve("vaultmail.mv.db")).exists();
    }

    @Test
    void invalidMailDomainsStopStartUpNamingTheProperty() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yml"), """
                vaultmail:
                  domains:
                    - domain: example.test
                      imap: { host: imap.example.test, port: 993, security: tls }
                      smtp: { host: smtp.example.test, port: 465, security: tls }
                    - domain: other.test
                      imap: { host: imap.other.test, port: 143, security: plain }
                      smtp: { host: smtp.other.test, port: 99999 }
                """);

        AppProcess.Result result = AppProcess.run(TIMEOUT, Map.of("VAULTMAIL_LOGGING_FORMAT", "text"),
                "serve", "--config", config.toString(), "--port", "0", "--data-dir", dir.resolve("data").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("APPLICATION FAILED TO START")
                .contains("vaultmail.domains[1].imap.security: 'plain' sends passwords unencrypted")
                .contains("vaultmail.domains[1].smtp.port: 99999 is not a TCP port")
                .contains("Fix the properties named above")
                .doesNotContain("Exception in thread");
    }

    @Test
    void invalidMailDomainsAreNamedInJsonLogsToo() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yml"), """
                vaultmail:
                  domains:
                    - domain: "bad domain"
                      imap: { host: imap.example.test }
                      smtp: { host: smtp.example.test }
                """);

        AppProcess.Result result = AppProcess.run(TIMEOUT, Map.of(),
                "serve", "--config", config.toString(), "--port", "0", "--data-dir", dir.resolve("data").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("vaultmail.domains[0].domain: 'bad domain' is not a domain name")
                .contains("\"ecs\":");
    }

    @Test
    void missingConfigFileIsAUsageError() {
        AppProcess.Result result = AppProcess.run(TIMEOUT, Map.of(), "serve", "--config", dir.resolve("nope.yml").toString());

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.output()).contains("vaultmail: --config " + dir.resolve("nope.yml") + ": no such file");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

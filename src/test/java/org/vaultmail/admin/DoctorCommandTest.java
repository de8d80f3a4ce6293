package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.AppProcess;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;

@Tag("dovecot")
class DoctorCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void doctorOnAFreshH2DataDirReportsEverythingAndWarnsAboutMissingDomains() {
        Path dataDir = dir.resolve("data");

        AppProcess.Result result = AppProcess.run(TIMEOUT, Map.of(), "doctor", "--data-dir", dataDir.toString());

        assertThat(result.output())
                .contains("Java\n  [ ok ] Java " + Runtime.version().feature())
                .contains("Data directory\n  [ ok ] " + dataDir + " is writable")
                .containsPattern("Database\n  \\[ ok ] reachable: H2 2\\.[0-9.]+ .*\n  \\[ ok ] " + migrations()
                        + " migration\\(s\\) applied, schema version " + schemaVersion() + "\n")
                .contains("Mail servers\n  [WARN] no mail domains configured (vaultmail.domains): nobody can sign in")
                .containsPattern("\n0 problem\\(s\\), [1-9][0-9]* warning\\(s\\)\n")
                .doesNotContain("INFO");
        assertThat(sections(result.output(), "Data directory", "Database", "Java", "Mail servers")).doesNotContain("[FAIL]");
        assertExitCodeMatchesFindings(result);
    }

    /** How many versioned migrations the source tree has (V1__…, V2__… are numbered without gaps). */
    static long migrations() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The highest version in the source tree: features number their migrations apart, so there may be gaps. */
    static long schemaVersion() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToLong(n -> Long.parseLong(n.substring(1, n.indexOf("__")))).max().orElse(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Other features add their own checks (keys …); the exit code must agree with whatever they found. */
    static void assertExitCodeMatchesFindings(AppProcess.Result result) {
        assertThat(result.exitCode()).isEqualTo(result.output().contains("[FAIL]") ? 1 : 0);
        assertThat(result.output()).containsPattern("\n" + result.output().lines().filter(l -> l.startsWith("  [FAIL]")).count()
                + " problem\\(s\\), ");
    }

    /** The finding lines under the given headings. */
    static String sections(String output, String... topics) {
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : output.lines().toList()) {
            if (!line.startsWith(" ")) in = java.util.Arrays.asList(topics).contains(line);
            else if (in) out.append(line).append('\n');
        }
        return out.toString();
    }

    @Test
    void serverThatIsDownIsOnlyAWarning() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ServerSocket listening = new ServerSocket()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            Path config = Files.writeString(dir.resolve("vaultmail.yml"), """
                    vaultmail:
                      domains:
                        - domain: example.test
                          imap: { host: 127.0.0.1, port: %d, security: tls }
                          smtp: { host: 127.0.0.1, port: %d, security: plain }
                    """.formatted(closedPort, listening.getLocalPort()));

            AppProcess.Result result = AppProcess.run(TIMEOUT, Map.of(), "doctor", "--config", config.toString(),
                    "--data-dir", dir.resolve("data").toString());

            assertThat(result.output())
                    .contains("[WARN] example.test IMAP 127.0.0.1:" + closedPort + " (tls): Connection refused")
                    .contains("[ ok ] example.test SMTP 127.0.0.1:" + listening.getLocalPort()
                            + " (plain): reachable, unencrypted (loopback only)");
            assertThat(sections(result.output(), "Mail servers")).doesNotContain("[FAIL]");
            assertExitCodeMatchesFindings(result);
        }
    }

    @Test
    void tlsServerReportsTheNegotiatedProtocolOrWhyTheHandshakeFailed() {
        boolean dovecot = reachable(1993);
        if (!"1".equals(System.getenv("VAULTMAIL_REQUIRE_ALL"))) {
            Assumptions.assumeTrue(dovecot, "Dovecot IMAPS on 127.0.0.1:1993 (../shared/mailserver) is not running");
        }
        DoctorCheck.Finding finding = MailServersCheck.probe("example.test IMAP", ServerProbe.Protocol.IMAP,
                new MailServers.Endpoint("127.0.0.1", 1993, Security.TLS), Optional.empty());
        // the test server's certificate is self-signed, so without its trust store the handshake must fail
        assertThat(finding.level()).isEqualTo(DoctorCheck.Level.WARN);
        assertThat(finding.message()).contains("PKIX");
    }

    @Test
    void tlsServerWithTheDomainsTrustStoreCompletesTheHandshake() throws Exception {
        Path cert = Path.of("/etc/dovecot/vaultmail-test/cert.pem");
        boolean dovecot = reachable(1993) && Files.isReadable(cert);
        if (!"1".equals(System.getenv("VAULTMAIL_REQUIRE_ALL"))) {
            Assumptions.assumeTrue(dovecot, "Dovecot IMAPS on 127.0.0.1:1993 (../shared/mailserver) is not running");
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = Files.newInputStream(cert)) {
            store.setCertificateEntry("dovecot",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path trustStoreFile = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustStoreFile)) {
            store.store(out, "changeit".toCharArray()); // as keytool writes it: certificates encrypted too
        }
        java.security.KeyStore trustStore = org.vaultmail.account.TrustStores.load(trustStoreFile, "changeit");

        DoctorCheck.Finding finding = MailServersCheck.probe("example.test IMAP", ServerProbe.Protocol.IMAP,
                new MailServers.Endpoint("127.0.0.1", 1993, Security.TLS), Optional.of(trustStore));
        DoctorCheck.Finding startTls = MailServersCheck.probe("example.test IMAP", ServerProbe.Protocol.IMAP,
                new MailServers.Endpoint("127.0.0.1", 1143, Security.STARTTLS), Optional.of(trustStore));
        // the test server's SMTP port offers no STARTTLS: a warning, not a failure
        DoctorCheck.Finding noStartTls = MailServersCheck.probe("example.test SMTP", ServerProbe.Protocol.SMTP,
                new MailServers.Endpoint("127.0.0.1", 1025, Security.STARTTLS), Optional.of(trustStore));

        assertThat(finding.level()).isEqualTo(DoctorCheck.Level.OK);
        assertThat(finding.message()).containsPattern("reachable, TLSv1\\.[23] TLS_");
        assertThat(startTls.level()).isEqualTo(DoctorCheck.Level.OK);
        assertThat(startTls.message()).containsPattern("1143 \\(starttls\\): reachable, TLSv1\\.[23] TLS_");
        assertThat(noStartTls.level()).isEqualTo(DoctorCheck.Level.WARN);
        assertThat(noStartTls.message()).endsWith("reachable, but the server refused STARTTLS");
    }

    @Test
    void javaOlderThan25IsAWarning() {
        assertThat(JavaVersionCheck.check(21, "21.0.5", "Eclipse Adoptium").level()).isEqualTo(DoctorCheck.Level.WARN);
        assertThat(JavaVersionCheck.check(25, "25.0.1", "Eclipse Adoptium").level()).isEqualTo(DoctorCheck.Level.OK);
    }

    @Test
    void missingDataDirectoryIsAFailure() {
        assertThat(DataDirectoryCheck.check(dir.resolve("absent"))).singleElement()
                .extracting(DoctorCheck.Finding::level).isEqualTo(DoctorCheck.Level.FAIL);
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

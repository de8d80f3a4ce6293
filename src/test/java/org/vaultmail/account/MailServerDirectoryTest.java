package org.vaultmail.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaultmail.account.MailDomainsProperties.Domain;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailDomainsProperties.Server;

class MailServerDirectoryTest {

    @TempDir
    Path dir;

    private static Domain domain(String name, Server imap, Server smtp) {
        return new Domain(name, imap, smtp, null, null);
    }

    private static Domain example() {
        return domain("example.test", new Server("imap.example.test", 993, Security.TLS),
                new Server("smtp.example.test", 587, Security.STARTTLS));
    }

    private static MailServerDirectory directory(Domain... domains) {
        return new MailServerDirectory(new MailDomainsProperties(Arrays.asList(domains)));
    }

    private static List<String> problemsOf(Domain... domains) {
        try {
            directory(domains);
        } catch (InvalidMailDomainsException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void validConfigurationResolvesAddressesByDomainCaseInsensitively() {
        MailServerDirectory directory = directory(example());

        MailServers servers = directory.forAddress("Alice@Example.TEST").orElseThrow();
        assertThat(servers.domain()).isEqualTo("example.test");
        assertThat(servers.imap()).isEqualTo(new MailServers.Endpoint("imap.example.test", 993, Security.TLS));
        assertThat(servers.smtp()).isEqualTo(new MailServers.Endpoint("smtp.example.test", 587, Security.STARTTLS));
        assertThat(directory.forAddress("alice@other.test")).isEmpty();
        assertThat(directory.forAddress("no-at-sign")).isEmpty();
        assertThat(directory.forAddress("trailing@")).isEmpty();
        assertThat(directory.all()).hasSize(1);
    }

    @Test
    void missingPortAndSecurityDefaultToImplicitTls() {
        MailServers servers = directory(domain("example.test", new Server("imap.example.test", null, null),
                new Server("smtp.example.test", null, null))).all().getFirst();

        assertThat(servers.imap()).isEqualTo(new MailServers.Endpoint("imap.example.test", 993, Security.TLS));
        assertThat(servers.smtp()).isEqualTo(new MailServers.Endpoint("smtp.example.test", 465, Security.TLS));
    }

    @Test
    void wildcardServesEveryOtherDomainButAnExactDomainWins() {
        MailServerDirectory directory = directory(example(), domain("*", new Server("imap.any.test", 993, Security.TLS),
                new Server("smtp.any.test", 465, Security.TLS)));

        assertThat(directory.forAddress("bob@elsewhere.test").orElseThrow().imap().host()).isEqualTo("imap.any.test");
        assertThat(directory.forAddress("bob@example.test").orElseThrow().imap().host()).isEqualTo("imap.example.test");
    }

    @Test
    void noDomainsIsValidAndResolvesNothing() {
        MailServerDirectory directory = new MailServerDirectory(new MailDomainsProperties(null));
        assertThat(directory.all()).isEmpty();
        assertThat(directory.forAddress("alice@example.test")).isEmpty();
    }

    @Test
    void missingImapHostNamesTheProperty() {
        assertThat(problemsOf(example(), domain("b.test", new Server(" ", 993, Security.TLS),
                new Server("smtp.b.test", 465, Security.TLS))))
                .singleElement().asString().startsWith("vaultmail.domains[1].imap.host: missing");
    }

    @Test
    void missingServerNamesTheProperty() {
        assertThat(problemsOf(domain("b.test", new Server("imap.b.test", 993, Security.TLS), null)))
                .singleElement().asString().startsWith("vaultmail.domains[0].smtp: missing");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100000})
    void badPortNamesTheProperty(int port) {
        assertThat(problemsOf(domain("b.test", new Server("imap.b.test", 993, Security.TLS),
                new Server("smtp.b.test", port, Security.TLS))))
                .singleElement().asString().startsWith("vaultmail.domains[0].smtp.port: " + port);
    }

    @Test
    void plainOnANonLoopbackHostNamesTheSecurityProperty() {
        assertThat(problemsOf(example(), domain("b.test", new Server("imap.b.test", 143, Security.PLAIN),
                new Server("127.0.0.1", 25, Security.PLAIN))))
                .singleElement().asString().startsWith("vaultmail.domains[1].imap.security: 'plain'");
    }

    @Test
    void plainOnLoopbackIsAllowedForTestServers() {
        assertThat(directory(domain("example.test", new Server("127.0.0.1", 1143, Security.PLAIN),
                new Server("localhost", 1025, Security.PLAIN))).all()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.test", "-bad.test", "bad-.test", "under_score.test", "a..b", "*.example.test"})
    void badDomainNamesTheProperty(String name) {
        assertThat(problemsOf(domain(name, new Server("imap.b.test", 993, Security.TLS),
                new Server("smtp.b.test", 465, Security.TLS))))
                .singleElement().asString().startsWith("vaultmail.domains[0].domain: '" + name + "' is not a domain name");
    }

    @Test
    void missingDomainNamesTheProperty() {
        assertThat(problemsOf(domain(null, new Server("imap.b.test", 993, Security.TLS),
                new Server("smtp.b.test", 465, Security.TLS))))
                .singleElement().asString().startsWith("vaultmail.domains[0].domain: missing");
    }

    @Test
    void duplicateDomainNamesTheSecondEntry() {
        Domain again = domain("EXAMPLE.test", new Server("imap2.example.test", 993, Security.TLS),
                new Server("smtp2.example.test", 465, Security.TLS));
        assertThat(problemsOf(example(), again))
                .singleElement().asString().isEqualTo("vaultmail.domains[1].domain: 'example.test' is configured twice");
    }

    @Test
    void unreadableTrustStoreNamesTheProperty() {
        Path missing = dir.resolve("missing.p12");
        Domain d = new Domain("example.test", new Server("imap.example.test", 993, Security.TLS),
                new Server("smtp.example.test", 465, Security.TLS), missing, null);
        assertThat(problemsOf(d)).singleElement().asString()
                .isEqualTo("vaultmail.domains[0].trust-store: cannot read " + missing);
    }

    @Test
    void trustStoreWithItsPasswordIsLoadedAtStartUp() throws Exception {
        Path store = keytoolStore("changeit-7f3a");
        MailServerDirectory directory = directory(trustDomain(store, "changeit-7f3a"));
        MailServers servers = directory.all().getFirst();
        assertThat(servers.trustStore()).contains(store);
        assertThat(directory.trustAnchors(servers)).isPresent();
        assertThat(directory.trustAnchors(servers).get().getCertificate("mail")).isNotNull();
    }

    @Test
    void trustStoreAsPemCertificatesIsLoadedWithoutAPassword() throws Exception {
        Path store = keytoolStore("changeit-7f3a");
        Path pem = dir.resolve("ca.pem");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-exportcert", "-rfc", "-alias", "mail", "-keystore", store.toString(), "-storepass", "changeit-7f3a",
                "-file", pem.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        MailServerDirectory directory = directory(trustDomain(pem, null));
        assertThat(directory.trustAnchors(directory.all().getFirst())).isPresent();
    }

    @Test
    void trustStoreWithWrongPasswordNamesThePropertyButNotThePassword() throws Exception {
        Path store = keytoolStore("changeit-7f3a");
        assertThat(problemsOf(trustDomain(store, "wrong-canary-91c2"))).singleElement().asString()
                .startsWith("vaultmail.domains[0].trust-store: cannot use " + store)
                .doesNotContain("wrong-canary-91c2").doesNotContain("changeit-7f3a");
    }

    @Test
    void encryptedTrustStoreWithoutItsPasswordIsRefusedRatherThanSilentlyEmpty() throws Exception {
        Path store = keytoolStore("changeit-7f3a");
        assertThat(problemsOf(trustDomain(store, null))).singleElement().asString()
                .startsWith("vaultmail.domains[0].trust-store: cannot use " + store)
                .contains("trust-store-password");
    }

    @Test
    void trustStoreThatIsNotAKeyStoreNamesTheProperty() throws Exception {
        Path store = Files.writeString(dir.resolve("trust.p12"), "not a key store");
        assertThat(problemsOf(trustDomain(store, "x"))).singleElement().asString()
                .startsWith("vaultmail.domains[0].trust-store: cannot use " + store);
    }

    private static Domain trustDomain(Path store, String password) {
        return new Domain("example.test", new Server("imap.example.test", 993, Security.TLS),
                new Server("smtp.example.test", 465, Security.TLS), store, password);
    }

    /** A PKCS#12 store as keytool writes it (certificates encrypted under the store password). */
    private Path keytoolStore(String password) throws Exception {
        Path store = dir.resolve("keytool-" + System.nanoTime() + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "mail", "-keyalg", "EC", "-dname", "CN=mail.example.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return store;
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheMessageListsThem() {
        assertThatThrownBy(() -> directory(domain("", new Server("", 0, Security.PLAIN), null)))
                .isInstanceOf(InvalidMailDomainsException.class)
                .hasMessageContaining("vaultmail.domains[0].domain")
                .hasMessageContaining("vaultmail.domains[0].imap.host")
                .hasMessageContaining("vaultmail.domains[0].imap.port")
                .hasMessageContaining("vaultmail.domains[0].smtp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "0:0:0:0:0:0:0:1"})
    void loopbackHosts(String host) {
        assertThat(MailServerDirectory.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "example.com", "127.0.0.1.nip.io", "localhost.example.com",
            "::2", "[::ffff:10.0.0.1]", "0.0.0.0"})
    void notLoopbackHosts(String host) {
        assertThat(MailServerDirectory.isLoopback(host)).isFalse();
    }
}

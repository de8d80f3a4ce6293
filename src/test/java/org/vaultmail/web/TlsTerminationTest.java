package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.VaultmailApplication;

/**
 * Vaultmail terminating TLS itself with a PEM SSL bundle (a self-signed certificate made here with
 * keytool): TLS 1.2 and 1.3 connect, TLS 1.1 is refused, only AEAD cipher suites are offered, and HTTPS responses
 * carry HSTS.
 */
class TlsTerminationTest {

    static ConfigurableApplicationContext app;
    static SSLContext client;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("vaultmail-tls-test-");
        Path p12 = dir.resolve("web.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(Files.newInputStream(p12), "changeit".toCharArray());
        Certificate cert = store.getCertificate("web");
        Path certPem = dir.resolve("web.crt");
        Path keyPem = dir.resolve("web.key");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", store.getKey("web", "changeit".toCharArray()).getEncoded()));

        app = new SpringApplicationBuilder(VaultmailApplication.class).web(WebApplicationType.SERVLET).run(
                "--vaultmail.data-dir=" + dir.resolve("data"), "--vaultmail.scheduling.enabled=false",
                "--logging.level.root=warn", "--server.port=0",
                "--server.ssl.bundle=web",
                "--spring.ssl.bundle.pem.web.keystore.certificate=file:" + certPem,
                "--spring.ssl.bundle.pem.web.keystore.private-key=file:" + keyPem,
                "--spring.ssl.bundle.pem.web.options.enabled-protocols=TLSv1.2,TLSv1.3");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("web", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void tls12AndTls13Connect() throws IOException {
        assertThat(handshake("TLSv1.2")).isEqualTo("TLSv1.2");
        assertThat(handshake("TLSv1.3")).isEqualTo("TLSv1.3");
    }

    @Test
    void theServerOffersOnlyTls12And13() {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) app).getWebServer();
        Connector connector = server.getTomcat().getConnector();
        assertThat(connector.findSslHostConfigs()[0].getProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
    }

    @Test
    void aTls11ClientIsRefused() throws Exception {
        // the JDK will not even offer TLS 1.1, so OpenSSL does (with its own floor lowered to allow it)
        org.vaultmail.testing.Requirements.require(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl");
        Process p = new ProcessBuilder("/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1",
                "-cipher", "DEFAULT@SECLEVEL=0").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("alert protocol version").contains("Cipher is (NONE)");
        // and the JDK client, asked for TLS 1.1 only, gets no session either
        assertThatThrownBy(() -> handshake("TLSv1.1")).isInstanceOf(SSLException.class);
    }

    @Test
    void onlyAeadCipherSuitesAreOffered() throws IOException {
        // a TLS 1.2 client that offers only a CBC suite finds none in common
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")).isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384")).isInstanceOf(SSLException.class);
        // the same client offering one AEAD suite gets it
        try (SSLSocket socket = socket("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }
        try (SSLSocket socket = socket("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")) {
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        }
    }

    @Test
    void httpsResponsesCarryHsts() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(client).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v ->
                assertThat(v.replace(" ", "")).isEqualTo("max-age=31536000;includeSubDomains"));
    }

    private static String handshake(String protocol, String suite) throws IOException {
        try (SSLSocket socket = socket(protocol, suite)) {
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    private static SSLSocket socket(String protocol, String suite) throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setEnabledCipherSuites(new String[] {suite});
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String handshake(String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

}

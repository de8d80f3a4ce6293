package org.vaultmail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Dovecot (IMAP, IMAPS) and Postfix (SMTP) on loopback, from {@code ../shared/mailserver}
 * beside the repository: started with {@code mailserver-up.sh} and seeded with
 * {@code seed-standard.sh --small} once per test JVM. Tests using it are tagged {@code dovecot};
 * they call {@link #get()}, which skips them (or fails them in CI) when the server cannot be had.
 */
public final class DovecotFixture {

    public static final String HOST = "127.0.0.1";
    public static final int IMAP_PORT = 1143;
    public static final int IMAPS_PORT = 1993;
    public static final int SMTP_PORT = 1025;
    public static final Path CERTIFICATE = Path.of("/etc/dovecot/vaultmail-test/cert.pem");
    public static final String ALICE = "alice@example.test";
    public static final String ALICE_PASSWORD = "alice-pass";
    public static final String BOB = "bob@example.test";
    public static final String BOB_PASSWORD = "bob-pass";
    /** The password of the PKCS#12 file from {@link #trustStore()}; it holds only a public certificate. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private static final Path LOG = Path.of("target", "dovecot-fixture.log");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "vaultmail-mailserver.lock");
    private static @Nullable DovecotFixture instance;
    private static @Nullable String unavailable;

    private final SSLContext sslContext;
    private final Path trustStore;

    private DovecotFixture(SSLContext sslContext, Path trustStore) {
        this.sslContext = sslContext;
        this.trustStore = trustStore;
    }

    /** The running, seeded server; the first call in a JVM starts and seeds it (a minute the very first time). */
    public static synchronized DovecotFixture get() {
        if (instance == null && unavailable == null) {
            try {
                unavailable = startAndSeed();
                if (unavailable == null) instance = create();
            } catch (IOException | GeneralSecurityException e) {
                unavailable = "the Dovecot test server (" + e + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "the Dovecot test server (interrupted)";
            }
        }
        Requirements.require(instance != null, String.valueOf(unavailable));
        return instance;
    }

    /** {@code ../shared/mailserver} relative to the repository root (the top of the git work tree). */
    public static Path scripts() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) dir = dir.getParent();
        Path root = dir == null ? Path.of("").toAbsolutePath() : dir;
        return root.resolveSibling("shared").resolve("mailserver");
    }

    /** A mail session whose IMAPS connections trust exactly the test server's certificate and check its name. */
    public Session imapsSession() {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.socketFactory", sslContext.getSocketFactory());
        props.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        props.setProperty("mail.imaps.connectiontimeout", "5000");
        props.setProperty("mail.imaps.timeout", "15000");
        return Session.getInstance(props);
    }

    /** An IMAPS store on 127.0.0.1:1993, connected as {@code address}; close it when done. */
    public Store imaps(String address, String password) throws MessagingException {
        Store store = imapsSession().getStore("imaps");
        store.connect(HOST, IMAPS_PORT, address, password);
        return store;
    }

    /** Trusts only the test server's self-signed certificate. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** A PKCS#12 trust store (password {@value #TRUST_STORE_PASSWORD}) holding the server certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** {@code vaultmail.domains[index].*} for example.test: IMAPS with the trust store, SMTP plain on loopback. */
    public Map<String, String> domainProperties(int index) {
        String prefix = "vaultmail.domains[" + index + "].";
        Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix + "domain", "example.test");
        props.put(prefix + "imap.host", HOST);
        props.put(prefix + "imap.port", Integer.toString(IMAPS_PORT));
        props.put(prefix + "imap.security", "tls");
        props.put(prefix + "smtp.host", HOST);
        props.put(prefix + "smtp.port", Integer.toString(SMTP_PORT));
        props.put(prefix + "smtp.security", "plain");
        props.put(prefix + "trust-store", trustStore.toString());
        props.put(prefix + "trust-store-password", TRUST_STORE_PASSWORD);
        return props;
    }

    /** Registers {@link #domainProperties(int)} for a {@code @SpringBootTest}'s {@code @DynamicPropertySource}. */
    public void registerDomain(DynamicPropertyRegistry registry, int index) {
        domainProperties(index).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** Runs the scripts under a cross-process lock; returns why the server is unavailable, or null. */
    private static @Nullable String startAndSeed() throws IOException, InterruptedException {
        Path scripts = scripts();
        Path up = scripts.resolve("mailserver-up.sh");
        Path seed = scripts.resolve("seed-standard.sh");
        if (!Files.isReadable(up) || !Files.isReadable(seed)) {
            return "the Dovecot test server scripts in " + scripts + " (not found)";
        }
        if (!"root".equals(System.getProperty("user.name")) && !listening(IMAPS_PORT)) {
            return "root to start the Dovecot test server with " + up + " (or start it first)";
        }
        boolean serving = alreadyServing(); // then mailserver-up.sh would only reload Dovecot under other test JVMs
        Files.createDirectories(LOG.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock _ = channel.lock()) { // other test JVMs (worktrees) run the same scripts
            int exit = serving ? 0 : run(List.of("bash", up.toString()), 15);
            if (exit != 0) return "the Dovecot test server (" + up + " exited " + exit + "; see " + LOG.toAbsolutePath() + ")";
            exit = run(List.of("bash", seed.toString(), "--small"), 10);
            if (exit != 0) return "seeded Dovecot mailboxes (" + seed + " exited " + exit + "; see " + LOG.toAbsolutePath() + ")";
        }
        if (!listening(IMAPS_PORT) || !listening(IMAP_PORT) || !listening(SMTP_PORT)) {
            return "the Dovecot test server listening on 127.0.0.1:" + IMAP_PORT + "/" + IMAPS_PORT + "/" + SMTP_PORT;
        }
        return null;
    }

    /** The accounts of {@code src/test/resources/migrate/test-users.txt}, space-separated as the script takes them. */
    private static String migrationTestUsers() throws IOException {
        try (InputStream in = DovecotFixture.class.getResourceAsStream("/migrate/test-users.txt")) {
            if (in == null) return "";
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
        }
    }

    private static int run(List<String> command, int timeoutMinutes) throws IOException, InterruptedException {
        Files.writeString(LOG, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command);
        String extraUsers = migrationTestUsers();
        // mailserver-up.sh rewrites the users file: without these the migration tests' accounts (issue 14) vanish
        if (!extraUsers.isBlank()) builder.environment().merge("MAILSERVER_USERS", extraUsers, (a, b) -> a + " " + b);
        // as CI sets it: without it the script reloads Dovecot with XOAUTH2 off, under every other JVM's OAuth tests
        // (issue 15; tokens are introspected at testing.oauth.LocalAuthorizationServer.shared(), passwords still work)
        builder.environment().putIfAbsent("MAILSERVER_OAUTH2", "1");
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /**
     * The server is up and knows this checkout's accounts: alice and the last account of {@code migrate/test-users.txt}
     * (the newest) can log in. Then {@code mailserver-up.sh} is not run: it reloads Dovecot, which drops the connections
     * of every other test JVM (worktrees, test lanes) mid-test. Seeding still runs, as before.
     */
    private static boolean alreadyServing() throws IOException {
        if (!listening(IMAPS_PORT) || !listening(IMAP_PORT) || !listening(SMTP_PORT)) return false;
        String[] users = migrationTestUsers().split(" ");
        String newest = users[users.length - 1];
        int colon = newest.indexOf(':');
        return imapMessages(ALICE, ALICE_PASSWORD) >= 0
                && (colon < 0 || imapMessages(newest.substring(0, colon), newest.substring(colon + 1)) >= 0);
    }

    /** INBOX's message count after a plain LOGIN on the loopback port; -1 when the login or the STATUS fails. */
    private static int imapMessages(String user, String password) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, IMAP_PORT), 2000);
            socket.setSoTimeout(5000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            if (!String.valueOf(in.readLine()).startsWith("* OK")) return -1;
            out.write(("a1 LOGIN \"" + user + "\" \"" + password + "\"\r\na2 STATUS INBOX (MESSAGES)\r\na3 LOGOUT\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            int messages = -1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("a1 ") && !line.startsWith("a1 OK")) return -1;
                var m = java.util.regex.Pattern.compile("^\\* STATUS .*\\(MESSAGES (\\d+)\\)").matcher(line);
                if (m.find()) messages = Integer.parseInt(m.group(1));
                if (line.startsWith("a2 ")) return line.startsWith("a2 OK") ? messages : -1;
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static DovecotFixture create() throws IOException, GeneralSecurityException {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(CERTIFICATE)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setCertificateEntry("vaultmail-test-dovecot", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Path file = Files.createTempFile("vaultmail-dovecot-trust-", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        return new DovecotFixture(context, file);
    }
}

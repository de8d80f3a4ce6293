package org.vaultmail.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Dovecot of the test's own (not the shared one, which other tests use at the same time and which must not be
 * reconfigured): generated configuration, base directory, users file and a free IMAP port on 127.0.0.1, in the
 * shape of {@code ../shared/mailserver} (passwd-file users, static userdb as the {@code vmail} user), plus the
 * lines a test adds (e.g. {@code login_trusted_networks}). Needs Dovecot installed and root (CI has both).
 */
public final class PrivateDovecot implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final int port;

    private PrivateDovecot(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /** Starts an instance with these users (address → password) and extra top-level settings. */
    public static PrivateDovecot start(Map<String, String> users, List<String> settings) throws IOException, InterruptedException {
        Requirements.require(Files.isExecutable(Path.of("/usr/sbin/dovecot")) && "root".equals(System.getProperty("user.name"))
                && run("id", "-u", "vmail") == 0, "Dovecot installed (../shared/mailserver/mailserver-up.sh) and root");
        Path dir = Files.createTempDirectory("vaultmail-dovecot-");
        dir.toFile().setExecutable(true, false); // Dovecot's unprivileged processes must reach the base directory
        dir.toFile().setReadable(true, false);
        Path mail = Files.createDirectories(dir.resolve("mail"));
        run("chown", "vmail:vmail", mail.toString());
        StringBuilder passwd = new StringBuilder();
        users.forEach((address, password) -> passwd.append(address).append(":{PLAIN}").append(password).append("::::::\n"));
        Path usersFile = Files.writeString(dir.resolve("users"), passwd);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String uid = output("id", "-u", "vmail");
        String gid = output("id", "-g", "vmail");
        String conf = """
                instance_name = vaultmail-test-%1$d
                base_dir = %2$s/run
                state_dir = %2$s/state
                protocols = imap
                listen = 127.0.0.1
                log_path = %2$s/dovecot.log
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                mail_location = maildir:%2$s/mail/%%u
                first_valid_uid = %3$s
                last_valid_uid = %3$s
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN %5$s
                }
                userdb {
                  driver = static
                  args = uid=%3$s gid=%4$s home=%2$s/mail/%%u
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %1$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                """.formatted(port, dir, uid, gid, usersFile) + String.join("\n", settings) + "\n";
        Path config = Files.writeString(dir.resolve("dovecot.conf"), conf);
        if (run("/usr/sbin/dovecot", "-c", config.toString()) != 0) {
            throw new IllegalStateException("dovecot did not start: " + Files.readString(dir.resolve("dovecot.log")));
        }
        PrivateDovecot dovecot = new PrivateDovecot(dir, config, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(port)) {
            if (System.nanoTime() > deadline) {
                dovecot.close();
                throw new IllegalStateException("dovecot does not listen on " + port);
            }
            Thread.sleep(50); // dovecot is still starting (closed on timeout)
        }
        return dovecot;
    }

    public int port() {
        return port;
    }

    /** {@code vaultmail.domains[index].*}: {@code domain} on this server, plain IMAP on loopback. */
    public Map<String, String> domainProperties(int index, String domain, boolean sendClientAddress) {
        String prefix = "vaultmail.domains[" + index + "].";
        return Map.of(prefix + "domain", domain, prefix + "imap.host", "127.0.0.1", prefix + "imap.port", Integer.toString(port),
                prefix + "imap.security", "plain", prefix + "smtp.host", "127.0.0.1", prefix + "smtp.port", "1025",
                prefix + "smtp.security", "plain", prefix + "send-client-address", Boolean.toString(sendClientAddress));
    }

    public String log() throws IOException {
        Path log = dir.resolve("dovecot.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops this instance (its master process, by the pid it wrote). */
    @Override
    public void close() {
        try {
            Path pid = dir.resolve("run").resolve("master.pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                });
            }
        } catch (IOException | RuntimeException e) {
            // best effort; the next run uses another directory and port
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }
}

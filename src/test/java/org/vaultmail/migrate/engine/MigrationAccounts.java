package org.vaultmail.migrate.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.testing.DovecotFixture;

/**
 * Puts the migration tests' accounts back into the shared Dovecot's users file when they are missing: any test JVM
 * whose DovecotFixture runs {@code mailserver-up.sh} without {@code MAILSERVER_USERS} rewrites the file without them.
 */
final class MigrationAccounts {

    private MigrationAccounts() {
    }

    static void ensure() {
        DovecotFixture.get();
        restoreIfMissing();
    }

    /** @return whether the accounts were missing and are back */
    static synchronized boolean restoreIfMissing() {
        try (IMAPStore _ = new TestConnector(false).connect(TestConnector.account(DovecotFixture.IMAP_PORT,
                "mig-run-src@example.test", "mig-run-src-pass"))) {
            return false;
        } catch (AuthenticationFailedException e) {
            try {
                restore();
                return true;
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        } catch (MessagingException e) {
            return false;
        }
    }

    private static void restore() throws IOException, InterruptedException {
        String users;
        try (InputStream in = MigrationAccounts.class.getResourceAsStream("/migrate/test-users.txt")) {
            if (in == null) throw new IOException("no migrate/test-users.txt on the test class path");
            users = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
        }
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "vaultmail-mailserver.lock");
        ProcessBuilder builder = new ProcessBuilder("flock", lock.toString(), "bash",
                DovecotFixture.scripts().resolve("mailserver-up.sh").toString());
        builder.environment().put("MAILSERVER_USERS", users);
        builder.environment().putIfAbsent("MAILSERVER_OAUTH2", "1"); // as in CI: keep XOAUTH2 on for the OAuth tests (issue 15)
        Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("mailserver-up.sh did not restore the migration test accounts");
        }
    }
}

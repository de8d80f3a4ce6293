package org.vaultmail.organise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.DovecotFixture;

/**
 * The bulk tests' fixture on the shared Dovecot user {@code big}: folders of big's own, seeded by one COPY from big's
 * INBOX (only EXAMINEd, never changed), and deleted again by {@link #close()}.
 */
final class BigMailbox implements AutoCloseable {

    static final String BIG = "big@example.test";
    static final String BIG_PASSWORD = "big-pass";

    private final Store seeder;
    private final List<String> folders = new ArrayList<>();

    private BigMailbox(Store seeder) {
        this.seeder = seeder;
    }

    /** The app on the Dovecot domain with its own data directory, no scheduler and no request throttle (the tests poll a lot). */
    static void register(DynamicPropertyRegistry registry, String dataDirPrefix) throws IOException {
        ApiTestApp.register(registry, dataDirPrefix);
        DovecotFixture.get().registerDomain(registry, 0);
    }

    static BigMailbox connect() throws MessagingException {
        return new BigMailbox(DovecotFixture.get().imaps(BIG, BIG_PASSWORD));
    }

    /** Creates {@code from} and {@code to}, and copies the first {@code n} messages of big's INBOX into {@code from}. */
    void seed(String from, String to, int n) throws MessagingException {
        for (String name : List.of(from, to)) {
            folders.add(name);
            assertThat(seeder.getFolder(name).create(Folder.HOLDS_MESSAGES)).isTrue();
        }
        Folder inbox = seeder.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY); // EXAMINE: big's INBOX is never changed
        try {
            assertThat(inbox.getMessageCount()).as("messages in big's INBOX: seed them with "
                    + "../shared/mailserver/seed-mailbox.py big@example.test 10000 INBOX (.ci/run does)").isGreaterThanOrEqualTo(n);
            inbox.copyMessages(inbox.getMessages(1, n), seeder.getFolder(from)); // one COPY 1:n
        } finally {
            inbox.close(false);
        }
    }

    /** How many messages {@code name} holds, counted over IMAP. */
    int count(String name) throws MessagingException {
        Folder f = seeder.getFolder(name);
        f.open(Folder.READ_ONLY);
        try {
            return f.getMessageCount();
        } finally {
            f.close(false);
        }
    }

    /** Deletes the seeded folders (those that exist) and disconnects. */
    @Override
    public void close() throws MessagingException {
        try {
            for (String name : folders) {
                Folder f = seeder.getFolder(name);
                if (f.exists()) f.delete(true);
            }
        } finally {
            seeder.close();
        }
    }
}

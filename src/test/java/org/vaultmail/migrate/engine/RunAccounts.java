package org.vaultmail.migrate.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.testing.DovecotFixture;

/**
 * The runner tests' two Dovecot accounts on both servers: snapshotted once, and put back to that snapshot (folders
 * deleted, messages expunged, subscriptions dropped) after every test.
 */
final class RunAccounts {

    static final int MAIN = DovecotFixture.IMAP_PORT;
    static final int SECOND = 2143;
    static final String SRC = "mig-run-src@example.test";
    static final String SRC_PW = "mig-run-src-pass";
    static final String DST = "mig-run-dst@example.test";
    static final String DST_PW = "mig-run-dst-pass";

    private static final Map<String, Mailboxes.Snapshot> snapshots = new ConcurrentHashMap<>();

    private RunAccounts() {
    }

    /** Starts (or finds) Dovecot, makes sure the accounts exist, and remembers what they hold now. */
    static synchronized void snapshot() throws MessagingException {
        MigrationAccounts.ensure();
        for (int port : new int[] {MAIN, SECOND}) {
            for (String[] login : logins()) {
                if (snapshots.containsKey(port + login[0])) continue;
                try (IMAPStore store = TestConnector.open(port, login[0], login[1])) {
                    snapshots.put(port + login[0], Mailboxes.snapshot(store));
                }
            }
        }
    }

    static synchronized void reset() throws MessagingException {
        for (int port : new int[] {MAIN, SECOND}) {
            for (String[] login : logins()) {
                Mailboxes.Snapshot snapshot = snapshots.get(port + login[0]);
                if (snapshot == null) continue;
                try (IMAPStore store = TestConnector.open(port, login[0], login[1])) {
                    Mailboxes.reset(store, snapshot);
                }
            }
        }
    }

    private static List<String[]> logins() {
        return List.of(new String[] {SRC, SRC_PW}, new String[] {DST, DST_PW});
    }
}

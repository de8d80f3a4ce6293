package org.vaultmail.migrate.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.DovecotFixture;

/** The folder sync contract from the main Dovecot (no prefix, '/') to the second one (prefix INBOX., '.'). */
@Tag("dovecot")
class ImapFolderSyncDovecotMainToSecondTest extends FolderSyncContract {

    static final int SECOND_IMAP_PORT = 2143;

    @BeforeAll
    static void servers() {
        TestMailbox.requireDovecot(); // both shared servers run already; seeding alice and bob is not needed here
    }

    @Override
    TestMailbox sourceSide() {
        return new TestMailbox(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, "mig-a@example.test", "mig-a-pass");
    }

    @Override
    TestMailbox destinationSide() {
        return new TestMailbox(DovecotFixture.HOST, SECOND_IMAP_PORT, "mig-b@example.test", "mig-b-pass");
    }
}

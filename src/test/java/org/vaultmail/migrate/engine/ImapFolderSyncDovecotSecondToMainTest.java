package org.vaultmail.migrate.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.DovecotFixture;

/** The folder sync contract from the second Dovecot (prefix INBOX., '.') to the main one (no prefix, '/'). */
@Tag("dovecot")
class ImapFolderSyncDovecotSecondToMainTest extends FolderSyncContract {

    @BeforeAll
    static void servers() {
        TestMailbox.requireDovecot(); // both shared servers run already; seeding alice and bob is not needed here
    }

    @Override
    TestMailbox sourceSide() {
        return new TestMailbox(DovecotFixture.HOST, ImapFolderSyncDovecotMainToSecondTest.SECOND_IMAP_PORT,
                "mig-b@example.test", "mig-b-pass");
    }

    @Override
    TestMailbox destinationSide() {
        return new TestMailbox(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, "mig-a@example.test", "mig-a-pass");
    }
}

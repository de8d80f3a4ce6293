package org.vaultmail.migrate.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vaultmail.testing.GreenMailFixture;

/** The folder sync contract between two GreenMail users (UIDPLUS; no MULTIAPPEND, no CONDSTORE). */
class ImapFolderSyncGreenMailTest extends FolderSyncContract {

    private static GreenMailFixture greenMail;

    @BeforeAll
    static void start() {
        greenMail = GreenMailFixture.start();
        // GreenMail closes a connection idle for 30 s; a store's own connection idles while a folder connection copies
        greenMail.greenMail().getImap().setClientSocketTimeout(600_000);
        greenMail.createUser("src@example.test", "src-pass");
        greenMail.createUser("dst@example.test", "dst-pass");
    }

    @AfterAll
    static void stop() {
        greenMail.close();
    }

    @Override
    TestMailbox sourceSide() {
        return new TestMailbox(GreenMailFixture.HOST, greenMail.imapPort(), "src@example.test", "src-pass");
    }

    @Override
    TestMailbox destinationSide() {
        return new TestMailbox(GreenMailFixture.HOST, greenMail.imapPort(), "dst@example.test", "dst-pass");
    }
}

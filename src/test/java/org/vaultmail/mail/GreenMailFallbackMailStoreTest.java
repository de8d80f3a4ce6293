package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.ImapTranscript;

/**
 * The same contract with GreenMail seeming to have no SORT (the in-memory sort must agree) and no MOVE (moves
 * by UID COPY, \Deleted and UID EXPUNGE): the store talks to it through a transcript that strips both from its
 * capabilities.
 */
class GreenMailFallbackMailStoreTest extends GreenMailMailStoreTest {

    static ImapTranscript withoutSortAndMove;

    @BeforeAll
    static void withoutSort() throws IOException {
        store.close();
        withoutSortAndMove = new ImapTranscript(GreenMailFixture.HOST, mail.imapPort(), Set.of("SORT", "MOVE"));
        store = open(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30)), withoutSortAndMove.port());
    }

    @AfterAll
    static void closeTranscript() {
        if (withoutSortAndMove != null) withoutSortAndMove.close();
    }

    @Test
    void neitherSortNorMoveIsSentToAServerWithoutThem() {
        store.list(FolderPath.inbox('.'), 0, 10, Sort.SUBJECT, false);
        assertThat(withoutSortAndMove.commands("SORT")).as("SORT is never sent to a server without it").isZero();
        assertThat(withoutSortAndMove.commands("UID MOVE")).isZero();
    }
}

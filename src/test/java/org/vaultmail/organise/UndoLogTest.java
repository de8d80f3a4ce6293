package org.vaultmail.organise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.vaultmail.mail.FolderPath;

/** The undo log is bounded per user: one user's flood of moves never clears another user's undo (issue 12 item 8). */
class UndoLogTest {

    static final FolderPath INBOX = FolderPath.of("INBOX", '/');
    static final FolderPath TRASH = FolderPath.of("Trash", '/');

    final UndoLog log = new UndoLog(new StaticListableBeanFactory().getBeanProvider(java.time.Clock.class));

    @Test
    void oneUserFillingTheLogNeverClearsAnotherUsersUndo() {
        String bobs = log.remember(2, "bob-session", TRASH, 1, List.of(5L), INBOX);
        for (int i = 0; i < UndoLog.MAX_ENTRIES + 10; i++) log.remember(1, "alice-session", TRASH, 1, List.of((long) i), INBOX);

        assertThat(log.take(2, "bob-session", bobs)).as("bob's undo survives alice's flood").isPresent();
    }

    @Test
    void aUserKeepsTheirNewestUndosUpToTheirShare() {
        String oldest = log.remember(1, "alice-session", TRASH, 1, List.of(0L), INBOX);
        String newest = null;
        for (int i = 1; i <= UndoLog.MAX_PER_USER; i++) newest = log.remember(1, "alice-session", TRASH, 1, List.of((long) i), INBOX);

        assertThat(log.take(1, "alice-session", oldest)).as("beyond the user's share, their oldest goes").isEmpty();
        assertThat(log.take(1, "alice-session", newest)).isPresent();
        assertThat(log.size()).isLessThanOrEqualTo(UndoLog.MAX_PER_USER);
    }
}

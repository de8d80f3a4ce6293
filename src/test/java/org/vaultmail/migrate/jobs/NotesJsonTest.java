package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.FolderNote;

/** A folder report's notes as stored (V51): read back as written; a kind this node does not know is left out. */
class NotesJsonTest {

    @Test
    void notesRoundTripAndNoneIsNull() {
        List<FolderNote> notes = List.of(new FolderNote(FolderNote.Kind.COLLISION_RENAMED, "Archiv (2)"),
                new FolderNote(FolderNote.Kind.FLAGS_NOT_SETTABLE, "$Phishing, \\Draft"));
        assertThat(NotesJson.read(NotesJson.write(notes))).isEqualTo(notes);
        assertThat(NotesJson.write(List.of())).isNull();
        assertThat(NotesJson.read(null)).isEmpty();
    }

    @Test
    void anUnknownKindFromANewerNodeIsLeftOut() {
        assertThat(NotesJson.read("[{\"kind\":\"from-the-future\",\"detail\":\"x\"},{\"kind\":\"noselect-parent\",\"detail\":\"Lists\"}]"))
                .containsExactly(new FolderNote(FolderNote.Kind.NOSELECT_PARENT, "Lists"));
    }
}

package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.FolderRule;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MailboxTree;
import org.vaultmail.migrate.mapping.MappingNote;

/** The report's notes from the mapping, refused flags by name, and an earlier run's destination kept on a rerun. */
class FolderNotesTests {

    private static final MailboxTree DESTINATION = new MailboxTree("INBOX.", '.', false, List.of(
            new MailboxTree.Folder("INBOX", Set.of(), true),
            new MailboxTree.Folder("INBOX.Junk", Set.of(), false),
            new MailboxTree.Folder("INBOX.Spam", Set.of("\\Junk"), false)));

    @Test
    void refusedFlagsAreTheOnesPermanentFlagsDoNotAllowWithoutRecent() {
        Set<String> permanent = Set.of("\\Seen", "\\Flagged", "$Label1");
        assertThat(FlagNames.refused(Set.of("\\Seen", "\\Draft", "$Label1", "$Phishing", "\\Recent"), permanent))
                .containsExactly("$Phishing", "\\Draft");
        assertThat(FlagNames.refused(Set.of("\\Seen", "$Anything"), Set.of("\\Seen", FlagNames.ANY_KEYWORD))).isEmpty();
    }

    @Test
    void mappingNotesGoToTheirSourceFolderAndANoselectParentIsNoted() {
        List<FolderPair> pairs = List.of(
                new FolderPair("Lists", "INBOX.Lists", null, false, true, false),
                new FolderPair("Lists/dev", "INBOX.Lists.dev", null, false, true, true),
                new FolderPair("Added", "INBOX.Added", null, false, true, false),
                new FolderPair("a.b", "INBOX.a_b", null, false, true, true));
        var notes = MappingNotes.of(List.of(
                new MappingNote(MappingNote.Kind.SEPARATOR_REPLACED, "a.b", "INBOX.a_b"),
                new MappingNote(MappingNote.Kind.PARENT_ADDED, "Added", "INBOX.Added"),
                new MappingNote(MappingNote.Kind.RULE_UNUSED, "Typo", "INBOX.Typo")), pairs);

        assertThat(notes.get("Lists")).containsExactly(new FolderNote(FolderNote.Kind.NOSELECT_PARENT, "INBOX.Lists"));
        assertThat(notes.get("Added")).containsExactly(new FolderNote(FolderNote.Kind.PARENT_ADDED, "INBOX.Added"));
        assertThat(notes.get("a.b")).containsExactly(new FolderNote(FolderNote.Kind.SEPARATOR_REPLACED, "INBOX.a_b"));
        assertThat(notes).doesNotContainKeys("Lists/dev", "Typo");
    }

    @Test
    void aReportTakesEachNoteOnce() {
        FolderNote uidplus = new FolderNote(FolderNote.Kind.MIRROR_NEEDS_UIDPLUS, "");
        FolderReport r = new FolderReport("INBOX", "INBOX", 1, 1, 1, 0, 0, 0, 0, 0, 10).withNotes(List.of(uidplus));
        assertThat(r.withNotes(List.of(uidplus)).notes()).containsExactly(uidplus);
        assertThat(uidplus.text()).isEqualTo("mirror needs UIDPLUS on the destination; deletions skipped");
        assertThat(FolderNote.Kind.of("flags-not-settable")).isEqualTo(FolderNote.Kind.FLAGS_NOT_SETTABLE);
    }

    @Test
    void aRerunKeepsTheEarlierDestinationUnlessARuleSaysOtherwiseOrAnotherFolderTookIt() {
        InMemorySyncState state = new InMemorySyncState();
        state.open("Junk", "INBOX.Junk", 1, 1);
        state.open("Old", "INBOX.Taken", 1, 1);
        List<FolderPair> now = List.of(
                new FolderPair("Junk", "INBOX.Spam", "\\Junk", false, false, true),
                new FolderPair("Old", "INBOX.Old", null, false, true, true),
                new FolderPair("New", "INBOX.Taken", null, false, true, true),
                new FolderPair("Fresh", "INBOX.Fresh", null, false, true, true));

        List<FolderPair> kept = EarlierMapping.keep(now, state, DESTINATION, MigrationOptions.defaults());
        assertThat(kept.get(0)).isEqualTo(new FolderPair("Junk", "INBOX.Junk", "\\Junk", false, false, true));
        assertThat(kept.get(1).destination()).as("another folder of this mapping takes it now").isEqualTo("INBOX.Old");
        assertThat(kept.subList(2, 4)).isEqualTo(now.subList(2, 4));

        MigrationOptions ruled = new MigrationOptions(List.of(), List.of(), List.of(new FolderRule("Junk", "INBOX.Spam")),
                null, null, 0, false, false, MigrationMode.COPY, false, 0, 0);
        assertThat(EarlierMapping.keep(now, state, DESTINATION, ruled).getFirst().destination()).isEqualTo("INBOX.Spam");
    }
}

package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.FolderRole;

class FolderRolesTest {

    @Test
    void specialUseAttributesAreCaseInsensitive() {
        assertThat(FolderRoles.fromAttributes(new String[] {"\\HasNoChildren", "\\SENT"})).isEqualTo(FolderRole.SENT);
        assertThat(FolderRoles.fromAttributes(new String[] {"\\Archive"})).isEqualTo(FolderRole.ARCHIVE);
        assertThat(FolderRoles.fromAttributes(new String[] {"\\Noselect"})).isNull();
    }

    @Test
    void wellKnownNamesAtTheTopOrUnderInboxInAnyDelimiter() {
        Set<FolderRole> none = FolderRoles.none();
        assertThat(FolderRoles.fromName("Sent Items", '/', none)).isEqualTo(FolderRole.SENT);
        assertThat(FolderRoles.fromName("INBOX.Sent Messages", '.', none)).isEqualTo(FolderRole.SENT);
        assertThat(FolderRoles.fromName("Deleted Items", '.', none)).isEqualTo(FolderRole.TRASH);
        assertThat(FolderRoles.fromName("SPAM", '/', none)).isEqualTo(FolderRole.JUNK);
        assertThat(FolderRoles.fromName("Projects/Sent", '/', none)).isNull();
        assertThat(FolderRoles.fromName("Drafts", '/', Set.of(FolderRole.DRAFTS))).as("claimed by an attribute").isNull();
    }

    @Test
    void baseSubjectDropsReplyAndForwardMarkers() {
        assertThat(InMemorySort.baseSubject("Re: Fwd: [list] Apple (fwd)")).isEqualTo("apple");
        assertThat(InMemorySort.baseSubject("AW: WG: Banana")).isEqualTo("banana");
        assertThat(InMemorySort.baseSubject(null)).isEmpty();
    }
}

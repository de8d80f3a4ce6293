package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FolderPathTest {

    @Test
    void nameAndParentFollowTheDelimiter() {
        FolderPath path = FolderPath.of("Über/Entwürfe/日本語", '/');
        assertThat(path.name()).isEqualTo("日本語");
        assertThat(path.parent()).contains(FolderPath.of("Über/Entwürfe", '/'));
        assertThat(path.parent().orElseThrow().parent().orElseThrow().parent()).isEmpty();
        assertThat(FolderPath.of("INBOX.Sent", '.').name()).isEqualTo("Sent");
        assertThat(FolderPath.of("a.b", '\0').name()).isEqualTo("a.b");
    }

    @Test
    void inboxIsCaseInsensitive() {
        assertThat(FolderPath.of("inbox", '/')).isEqualTo(FolderPath.inbox('/'));
        assertThat(FolderPath.of("Inbox", '/').isInbox()).isTrue();
        assertThat(FolderPath.of("Inbox2", '/').isInbox()).isFalse();
    }

    @Test
    void controlCharactersAndEmptyPathsAreRefused() {
        assertThatThrownBy(() -> FolderPath.of("", '/')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FolderPath.of("a\r\nA1 LOGOUT", '/')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FolderPath.of("a\0", '/')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FolderPath.of("a", '/').child("b/c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageUidIsA32BitNonZeroNumber() {
        FolderPath inbox = FolderPath.inbox('/');
        assertThat(MessageUid.of(inbox, 7, 42).asString()).isEqualTo("7:42");
        assertThatThrownBy(() -> MessageUid.of(inbox, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageUid.of(inbox, 1, 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }
}

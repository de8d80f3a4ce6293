package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessagePart;
import org.vaultmail.mail.MessageUid;

/** The rendered-message cache: per session, bounded in size per user and in all, emptied for a session when it ends. */
class RenderedMessagesTest {

    static final FolderPath INBOX = FolderPath.of("INBOX", '/');

    static RenderedMessages.Key key(String session, long uid) {
        return new RenderedMessages.Key(session, MessageUid.of(INBOX, 7, uid), false);
    }

    static MessageView view(long uid, int chars) {
        MessageDetail detail = new MessageDetail(MessageUid.of(INBOX, 7, uid), "s", List.of(), List.of(), List.of(), null, null, chars,
                Set.of(), new MessagePart("1", "text/plain", "utf-8", chars, null, null, null, List.of()));
        return new MessageView(detail, "x".repeat(chars), null, List.of(), false, false, false);
    }

    @Test
    void anotherSessionDoesNotSeeAnEntry() {
        RenderedMessages cache = new RenderedMessages();
        cache.put(1, key("a", 1), view(1, 10));
        assertThat(cache.get(1, key("a", 1))).isNotNull();
        assertThat(cache.get(1, key("b", 1))).as("same folder, UIDVALIDITY and UID, other session").isNull();
        assertThat(cache.get(1, new RenderedMessages.Key("a", MessageUid.of(INBOX, 8, 1), false))).as("other UIDVALIDITY").isNull();
        assertThat(cache.get(1, new RenderedMessages.Key("a", MessageUid.of(INBOX, 7, 1), true))).as("remote content shown").isNull();
    }

    @Test
    void staysWithinItsSizeDroppingTheLeastRecentlyUsed() {
        RenderedMessages cache = new RenderedMessages();
        int each = (int) (RenderedMessages.MAX_ENTRY_CHARS - 1024);
        long fit = RenderedMessages.MAX_USER_CHARS / (each + 256);
        for (long uid = 1; uid <= fit + 5; uid++) {
            cache.put(1, key("a", uid), view(uid, each));
            if (uid > 1) cache.get(1, key("a", 1)); // keep the first one in use
        }
        assertThat(cache.size()).isLessThanOrEqualTo((int) fit);
        assertThat(cache.get(1, key("a", 1))).as("recently used").isNotNull();
        assertThat(cache.get(1, key("a", 2))).as("least recently used").isNull();
        cache.put(1, key("a", 999_999), view(999_999, (int) RenderedMessages.MAX_ENTRY_CHARS + 1));
        assertThat(cache.get(1, key("a", 999_999))).as("too big to keep").isNull();
    }

    @Test
    void aSessionsEntriesGoWhenItEnds() {
        RenderedMessages cache = new RenderedMessages();
        cache.put(1, key("a", 1), view(1, 10));
        cache.put(1, key("b", 1), view(1, 10));
        cache.on(new SessionRevoked(1, "a@example.test", "a", SessionRevoked.Reason.LOGOUT));
        assertThat(cache.get(1, key("a", 1))).isNull();
        assertThat(cache.get(1, key("b", 1))).as("the same user's other session").isNotNull();
    }

    @Test
    void oneUserFillingTheCacheNeverEvictsAnotherUsersEntry() {
        RenderedMessages cache = new RenderedMessages();
        cache.put(2, key("bob", 1), view(1, 10));
        int each = (int) (RenderedMessages.MAX_ENTRY_CHARS - 1024);
        long many = 2 * RenderedMessages.MAX_CHARS / each;
        for (long session = 0; session < 4; session++) {
            for (long uid = 1; uid <= many / 4; uid++) cache.put(1, key("alice-" + session, uid), view(uid, each));
        }

        assertThat(cache.get(2, key("bob", 1))).as("bob's entry survives alice filling the cache from four sessions").isNotNull();
    }
}

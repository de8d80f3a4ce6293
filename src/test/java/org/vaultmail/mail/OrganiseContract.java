package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * Organising on every {@link MailStore}: move, copy, delete, expunge, empty and folder management, on GreenMail and
 * Dovecot, with and without MOVE and UIDPLUS (the fallback subclasses hide them).
 */
interface OrganiseContract extends MailStoreContract {

    /** Whether the server reports new UIDs (UIDPLUS COPYUID); false where the fallback hides UIDPLUS. */
    default boolean storeReportsNewUids() {
        return true;
    }

    default Message[] numbered(String prefix, int n) {
        Message[] messages = new Message[n];
        for (int i = 0; i < n; i++) {
            messages[i] = TestMessages.plain("a@example.test", address(), prefix + " " + (i + 1),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "body " + (i + 1));
        }
        return messages;
    }

    default List<String> subjects(FolderPath path) {
        return store().list(path, 0, 200, Sort.ARRIVAL, false).messages().stream().map(MessageSummary::subject).toList();
    }

    @Test
    default void moveTakesOnlyTheGivenMessagesAndReportsTheirNewUids() throws MessagingException {
        FolderPath from = newFolder("move-from", numbered("m", 3));
        FolderPath to = newFolder("move-to", numbered("there", 1));
        List<Long> uids = allUids(from);
        MoveResult moved = store().move(from, List.of(uids.get(0), uids.get(2), 4_000_000L), to);
        assertThat(moved.count()).isEqualTo(2);
        assertThat(moved.to()).isEqualTo(to);
        assertThat(subjects(from)).containsExactly("m 2");
        assertThat(subjects(to)).containsExactly("there 1", "m 1", "m 3");
        if (storeReportsNewUids()) {
            assertThat(moved.undoable()).isTrue();
            assertThat(moved.newUids()).containsOnlyKeys(uids.get(0), uids.get(2));
            assertThat(moved.newUids().values()).containsExactlyInAnyOrderElementsOf(allUids(to).subList(1, 3));
            assertThat(moved.uidValidity()).isEqualTo(store().status(to).uidValidity());
        } else {
            assertThat(moved.undoable()).isFalse();
        }
    }

    @Test
    default void movingBackWithTheNewUidsUndoesAMove() throws MessagingException {
        FolderPath from = newFolder("undo-from", numbered("u", 2));
        FolderPath to = newFolder("undo-to");
        MoveResult moved = store().move(from, allUids(from), to);
        assertThat(subjects(from)).isEmpty();
        List<Long> back = storeReportsNewUids() ? List.copyOf(moved.newUids().values()) : allUids(to);
        assertThat(store().move(to, back, from).count()).isEqualTo(2);
        assertThat(subjects(from)).containsExactlyInAnyOrder("u 1", "u 2");
        assertThat(subjects(to)).isEmpty();
    }

    @Test
    default void copyKeepsTheOriginals() throws MessagingException {
        FolderPath from = newFolder("copy-from", numbered("c", 2));
        FolderPath to = newFolder("copy-to");
        MoveResult copied = store().copy(from, allUids(from).subList(1, 2), to);
        assertThat(copied.count()).isEqualTo(1);
        assertThat(subjects(from)).containsExactly("c 1", "c 2");
        assertThat(subjects(to)).containsExactly("c 2");
        if (storeReportsNewUids()) assertThat(copied.newUids()).containsExactly(Map.entry(allUids(from).get(1), allUids(to).getFirst()));
    }

    @Test
    default void aMoveOfScatteredUidsInAnyOrderMovesThemAll() throws MessagingException {
        FolderPath from = newFolder("ranges", numbered("k", 40));
        FolderPath to = newFolder("ranges-to");
        List<Long> uids = allUids(from);
        List<Long> scattered = new ArrayList<>();
        for (int i = 0; i < uids.size(); i++) if (i % 3 != 1) scattered.add(uids.get(i)); // many short ranges
        java.util.Collections.reverse(scattered); // any order
        MoveResult moved = store().move(from, scattered, to);
        assertThat(moved.count()).isEqualTo(scattered.size());
        assertThat(allUids(from)).hasSize(uids.size() - scattered.size()).doesNotContainAnyElementsOf(scattered);
        assertThat(allUids(to)).hasSize(scattered.size());
        if (storeReportsNewUids()) assertThat(moved.newUids()).containsOnlyKeys(scattered);
    }

    @Test
    default void expungeRemovesOnlyTheGivenMessagesEvenWhenOthersAreMarkedDeleted() throws MessagingException {
        Message[] messages = numbered("e", 3);
        TestMessages.withFlags((jakarta.mail.internet.MimeMessage) messages[1], Flags.Flag.DELETED);
        FolderPath path = newFolder("expunge", messages);
        List<Long> uids = allUids(path);
        assertThat(store().expunge(path, List.of(uids.get(0), 4_000_000L))).isEqualTo(1);
        assertThat(allUids(path)).containsExactly(uids.get(1), uids.get(2));
        assertThat(store().message(path, uids.get(1)).flags()).contains(MessageFlag.DELETED);
        assertThat(store().message(path, uids.get(2)).flags()).doesNotContain(MessageFlag.DELETED);
    }

    @Test
    default void deleteMovesToTrashAndRemovesForGoodInTrashOrWithoutOne() throws MessagingException {
        FolderPath path = newFolder("delete", numbered("d", 3));
        FolderPath trash = newFolder("trash");
        List<Long> uids = allUids(path);
        MoveResult toTrash = store().delete(path, List.of(uids.get(0)), trash);
        assertThat(toTrash.to()).isEqualTo(trash);
        assertThat(subjects(trash)).containsExactly("d 1");
        MoveResult gone = store().delete(trash, allUids(trash), trash);
        assertThat(gone.to()).isNull();
        assertThat(gone.count()).isEqualTo(1);
        assertThat(subjects(trash)).isEmpty();
        assertThat(store().delete(path, List.of(uids.get(1)), null).count()).isEqualTo(1);
        assertThat(subjects(path)).containsExactly("d 3");
    }

    @Test
    default void emptyRemovesEveryMessage() throws MessagingException {
        FolderPath path = newFolder("empty", numbered("x", 4));
        assertThat(store().empty(path)).isEqualTo(4);
        assertThat(allUids(path)).isEmpty();
        assertThat(store().empty(path)).isZero();
    }

    @Test
    default void moveToAMissingFolderIsNotFoundAndToTheSameFolderIsRefused() throws MessagingException {
        FolderPath path = newFolder("nowhere", numbered("n", 1));
        assertThatThrownBy(() -> store().move(path, allUids(path), path("missing-" + UUID.randomUUID())))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> store().copy(path, allUids(path), path)).isInstanceOf(IllegalArgumentException.class);
        assertThat(subjects(path)).containsExactly("n 1");
    }

    @Test
    default void foldersAreCreatedRenamedSubscribedAndDeleted() throws MessagingException {
        FolderPath created = path("made-" + UUID.randomUUID().toString().substring(0, 8));
        store().createFolder(created);
        assertThat(store().folders()).filteredOn(f -> f.path().equals(created)).singleElement()
                .satisfies(f -> assertThat(f.subscribed()).isTrue());
        assertThatThrownBy(() -> store().createFolder(created))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXISTS));
        append(created, numbered("r", 1));

        FolderPath renamed = path("renamed-" + UUID.randomUUID().toString().substring(0, 8));
        store().renameFolder(created, renamed);
        assertThat(store().folders()).extracting(FolderInfo::path).contains(renamed).doesNotContain(created);
        assertThat(subjects(renamed)).containsExactly("r 1");
        FolderPath other = newFolder("taken");
        assertThatThrownBy(() -> store().renameFolder(renamed, other))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXISTS));

        store().subscribe(renamed, false);
        assertThat(store().folders()).filteredOn(f -> f.path().equals(renamed)).singleElement()
                .satisfies(f -> assertThat(f.subscribed()).isFalse());
        store().subscribe(renamed, true);
        assertThat(store().folders()).filteredOn(f -> f.path().equals(renamed)).singleElement()
                .satisfies(f -> assertThat(f.subscribed()).isTrue());

        store().deleteFolder(renamed);
        assertThat(seeder().getFolder(renamed.asString()).exists()).isFalse();
        assertThatThrownBy(() -> store().deleteFolder(renamed))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> store().subscribe(renamed, true))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    default void inboxAndSpecialFoldersAreNeitherRenamedNorDeleted() {
        List<FolderInfo> folders = store().folders();
        FolderPath inbox = folders.stream().filter(f -> f.path().isInbox()).findFirst().orElseThrow().path();
        FolderPath trash = folders.stream().filter(f -> f.role() == FolderRole.TRASH).findFirst().orElseThrow().path();
        FolderPath elsewhere = path("never-" + UUID.randomUUID().toString().substring(0, 8));
        for (FolderPath special : List.of(inbox, trash)) {
            assertThatThrownBy(() -> store().deleteFolder(special))
                    .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTECTED));
            assertThatThrownBy(() -> store().renameFolder(special, elsewhere))
                    .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTECTED));
        }
        assertThat(store().folders()).extracting(FolderInfo::path).contains(inbox, trash).doesNotContain(elsewhere);
    }

    @Test
    default void deletingAFolderDeletesItsSubfolders() throws MessagingException {
        FolderPath parent = newFolder("parent");
        Folder child = seeder().getFolder(parent.asString() + delimiter() + "Sent");
        assertThat(child.create(Folder.HOLDS_MESSAGES)).isTrue();
        // a "Sent" below another folder is not special by name (only top level or under INBOX): deleting is fine
        store().deleteFolder(parent);
        assertThat(seeder().getFolder(parent.asString()).exists()).isFalse();
    }
}

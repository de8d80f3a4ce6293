package org.vaultmail.migrate.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.MappingNote.Kind;
import org.vaultmail.testing.GreenMailFixture;

/**
 * {@link MailboxTrees#read} and the mapper against GreenMail, a third shape: no NAMESPACE, no LIST-EXTENDED, no
 * SPECIAL-USE, "." as separator without prefix, and "/" allowed inside a name. GreenMail to a hand-built tree shaped
 * like the main Dovecot, and back from one shaped like the second, with the mapped names created and listed back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the round trip adds folders: last
class GreenMailMappingTest {

    static final String ADDRESS = "mig-map@example.test";
    static final String PASSWORD = "mig-map-pass";

    private final StandardFolderMapper mapper = new StandardFolderMapper();
    private GreenMailFixture greenMail;
    private IMAPStore store;

    @BeforeAll
    void start() throws MessagingException {
        greenMail = GreenMailFixture.start();
        greenMail.createUser(ADDRESS, PASSWORD);
        store = (IMAPStore) greenMail.imap(ADDRESS, PASSWORD);
        for (String name : List.of("Sent", "Trash", "Projects", "Projects.2024", "Über/2024")) {
            TestStores.create(store, name, true);
        }
        TestStores.create(store, "日本語", false);
    }

    @AfterAll
    void stop() throws MessagingException {
        if (store != null) {
            TestStores.deleteAllBut(store, Set.of("INBOX"));
            assertThat(TestStores.names(store)).containsExactly("INBOX");
            store.close();
        }
        if (greenMail != null) greenMail.close();
    }

    @Test
    @Order(1)
    void readsGreenMailsFlatNamespaceWithoutSpecialUse() throws MessagingException {
        MailboxTree tree = MailboxTrees.read(store);
        assertThat(tree.personalPrefix()).isEmpty();
        assertThat(tree.separator()).isEqualTo('.');
        assertThat(tree.utf8Accept()).isFalse();
        assertThat(tree.folders()).extracting(MailboxTree.Folder::name, MailboxTree.Folder::subscribed).contains(
                tuple("Projects.2024", true), tuple("Über/2024", true), tuple("日本語", false));
    }

    @Test
    @Order(2)
    void greenMailToAMainShapedServerFindsSpecialFoldersByNameAndReplacesTheSlash() throws MessagingException {
        MailboxTree destination = Trees.main().add("Sent", "\\Sent").add("Papierkorb", "\\Trash").tree();
        FolderMapping mapping = mapper.plan(MailboxTrees.read(store), destination, MigrationOptions.defaults());
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination, FolderPair::specialUse)
                .containsExactly(
                        tuple("INBOX", "INBOX", null),
                        tuple("Projects", "Projects", null),
                        tuple("Projects.2024", "Projects/2024", null),
                        tuple("Sent", "Sent", "\\Sent"),
                        tuple("Trash", "Papierkorb", "\\Trash"),
                        tuple("Über/2024", "Über_2024", null),
                        tuple("日本語", "日本語", null));
        assertThat(mapping.notes()).containsExactly(new MappingNote(Kind.SEPARATOR_REPLACED, "Über/2024", "Über_2024"));
    }

    @Test
    @Order(3)
    void aSecondShapedSourceMapsOntoGreenMailAndTheNamesRoundTrip() throws MessagingException {
        MailboxTree source = Trees.second().add("INBOX.Sent", "\\Sent").add("INBOX.Archiv").add("INBOX.Archiv.2019")
                .add("INBOX.Été").add("INBOX.Trash", "\\Trash").tree();
        FolderMapping mapping = mapper.plan(source, MailboxTrees.read(store), MigrationOptions.defaults());
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination,
                FolderPair::createOnDestination).containsExactly(
                tuple("INBOX", "INBOX", false),
                tuple("INBOX.Archiv", "Archiv", true),
                tuple("INBOX.Archiv.2019", "Archiv.2019", true),
                tuple("INBOX.Sent", "Sent", false), // by name: GreenMail has no SPECIAL-USE
                tuple("INBOX.Trash", "Trash", false),
                tuple("INBOX.Été", "Été", true));
        for (FolderPair pair : mapping.pairs()) {
            if (pair.createOnDestination()) TestStores.create(store, pair.destination(), pair.subscribed());
        }
        assertThat(TestStores.names(store)).containsAll(mapping.pairs().stream().map(FolderPair::destination).toList());
        assertThat(mapper.map(source, MailboxTrees.read(store), MigrationOptions.defaults()))
                .noneMatch(FolderPair::createOnDestination);
    }
}

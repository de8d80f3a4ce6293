package org.vaultmail.migrate.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.MappingNote.Kind;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.Requirements;

/**
 * {@link MailboxTrees#read} and the mapper against the two real Dovecots: the main one (no prefix, "/") and the
 * second (prefix "INBOX.", "."), both directions; the mapped names are created with Angus and listed back equal.
 * Uses only mig-map@example.test and leaves it as it found it.
 */
@Tag("dovecot")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // second→main creates main's placeholder parent: last
class DovecotMappingTest {

    static final String ADDRESS = "mig-map@example.test";
    static final String PASSWORD = "mig-map-pass";
    static final int SECOND_PORT = 2143;
    static final Set<String> MAIN_BASE = Set.of("INBOX", "Drafts", "Sent", "Trash", "Junk");
    static final Set<String> SECOND_BASE = Set.of("INBOX", "INBOX.Sent", "INBOX.Trash");

    private final StandardFolderMapper mapper = new StandardFolderMapper();
    private IMAPStore main;
    private IMAPStore second;
    private final List<String> createdOnMain = new ArrayList<>();
    private final List<String> createdOnSecond = new ArrayList<>();

    @BeforeAll
    void trees() throws MessagingException {
        DovecotFixture.get();
        Requirements.require(listening(SECOND_PORT), "the second Dovecot on 127.0.0.1:" + SECOND_PORT
                + " (../shared/mailserver/second-server-up.sh)");
        main = TestStores.connect(DovecotFixture.IMAP_PORT, ADDRESS, PASSWORD);
        second = TestStores.connect(SECOND_PORT, ADDRESS, PASSWORD);
        TestStores.deleteAllBut(main, MAIN_BASE); // left over by an interrupted run
        TestStores.deleteAllBut(second, SECOND_BASE);
        for (String name : List.of("Projects", "Projects/2024", "Überweisungen/2024", "Gesendete Elemente", "Archiv")) {
            TestStores.create(main, name, true);
        }
        TestStores.create(main, "日本語", false);
        TestStores.create(main, "a~b", false);
        for (String name : List.of("INBOX.Projects", "INBOX.Projects.2023", "INBOX.Entwürfe", "INBOX.Überweisungen",
                "INBOX.Sent.2019", "INBOX.Spam")) {
            TestStores.create(second, name, true);
        }
        TestStores.create(second, "INBOX.日本語", false);
    }

    @AfterEach
    void removeMappedFolders() throws MessagingException {
        TestStores.deleteCreated(main, createdOnMain);
        TestStores.deleteCreated(second, createdOnSecond);
    }

    @AfterAll
    void cleanUp() throws MessagingException {
        if (main != null) {
            TestStores.deleteAllBut(main, MAIN_BASE);
            main.close();
        }
        if (second != null) {
            TestStores.deleteAllBut(second, SECOND_BASE);
            second.close();
        }
    }

    @Test
    @Order(1)
    void readsTheMainServersNamespaceSpecialUseSubscriptionsAndDecodedNames() throws MessagingException {
        MailboxTree tree = MailboxTrees.read(main);
        assertThat(tree.personalPrefix()).isEmpty();
        assertThat(tree.separator()).isEqualTo('/');
        assertThat(tree.utf8Accept()).isFalse(); // Dovecot 2.3 does not offer UTF8=ACCEPT
        assertThat(tree.folders()).extracting(MailboxTree.Folder::name).contains("INBOX", "Sent", "Projects/2024",
                "Überweisungen", "Überweisungen/2024", "日本語", "a~b");
        assertThat(folder(tree, "Sent").attributes()).contains("\\Sent");
        assertThat(folder(tree, "Junk").attributes()).contains("\\Junk");
        assertThat(folder(tree, "Überweisungen").attributes()).contains("\\NonExistent");
        // Angus calls a placeholder existing: whoever creates folders must not trust Folder.exists() for it
        assertThat(main.getFolder("Überweisungen").exists()).isTrue();
        assertThat(main.getFolder("Überweisungen").exists()).isTrue(); // Angus: a placeholder "exists"; the engine must not trust it
        assertThat(folder(tree, "Projects").subscribed()).isTrue();
        assertThat(folder(tree, "日本語").subscribed()).isFalse();
        assertThat(folder(tree, "Projects").attributes()).doesNotContain("\\Subscribed");
    }

    @Test
    @Order(2)
    void readsTheSecondServersPrefixAndSeparator() throws MessagingException {
        MailboxTree tree = MailboxTrees.read(second);
        assertThat(tree.personalPrefix()).isEqualTo("INBOX.");
        assertThat(tree.separator()).isEqualTo('.');
        assertThat(tree.folders()).extracting(MailboxTree.Folder::name).contains("INBOX", "INBOX.Sent",
                "INBOX.Sent.2019", "INBOX.Entwürfe", "INBOX.日本語");
        assertThat(folder(tree, "INBOX.Trash").attributes()).contains("\\Trash");
        assertThat(folder(tree, "INBOX.Entwürfe").subscribed()).isTrue();
    }

    @Test
    @Order(3)
    void mainToSecondMapsEveryFolderAndTheNamesRoundTrip() throws MessagingException {
        FolderMapping mapping = mapper.plan(MailboxTrees.read(main), MailboxTrees.read(second), MigrationOptions.defaults());
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination, FolderPair::specialUse,
                FolderPair::createOnDestination, FolderPair::selectable).containsExactly(
                tuple("INBOX", "INBOX", null, false, true),
                tuple("Archiv", "INBOX.Archiv", "\\Archive", true, true),
                tuple("Drafts", "INBOX.Entwürfe", "\\Drafts", false, true),
                tuple("Gesendete Elemente", "INBOX.Gesendete Elemente", null, true, true),
                tuple("Junk", "INBOX.Spam", "\\Junk", false, true),
                tuple("Projects", "INBOX.Projects", null, false, true),
                tuple("Projects/2024", "INBOX.Projects.2024", null, true, true),
                tuple("Sent", "INBOX.Sent", "\\Sent", false, true),
                tuple("Trash", "INBOX.Trash", "\\Trash", false, true),
                tuple("a~b", "INBOX.a~b", null, true, true),
                tuple("Überweisungen", "INBOX.Überweisungen", null, false, false),
                tuple("Überweisungen/2024", "INBOX.Überweisungen.2024", null, true, true),
                tuple("日本語", "INBOX.日本語", null, false, true));
        assertThat(mapping.notes()).containsExactly(
                new MappingNote(Kind.SPECIAL_USE_TAKEN, "Gesendete Elemente", "INBOX.Gesendete Elemente"));
        createAndListBack(second, mapping, createdOnSecond);
        assertThat(pair(mapping, "Projects/2024").subscribed()).isTrue();
        assertThat(folder(MailboxTrees.read(second), "INBOX.Projects.2024").subscribed()).isTrue();
    }

    @Test
    @Order(5)
    void secondToMainMapsEveryFolderAndTheNamesRoundTrip() throws MessagingException {
        FolderMapping mapping = mapper.plan(MailboxTrees.read(second), MailboxTrees.read(main), MigrationOptions.defaults());
        assertThat(mapping.pairs()).extracting(FolderPair::source, FolderPair::destination, FolderPair::specialUse,
                FolderPair::createOnDestination, FolderPair::selectable).containsExactly(
                tuple("INBOX", "INBOX", null, false, true),
                tuple("INBOX.Entwürfe", "Drafts", "\\Drafts", false, true),
                tuple("INBOX.Projects", "Projects", null, false, true),
                tuple("INBOX.Projects.2023", "Projects/2023", null, true, true),
                tuple("INBOX.Sent", "Sent", "\\Sent", false, true),
                tuple("INBOX.Sent.2019", "Sent/2019", null, true, true),
                tuple("INBOX.Spam", "Junk", "\\Junk", false, true),
                tuple("INBOX.Trash", "Trash", "\\Trash", false, true),
                tuple("INBOX.Überweisungen", "Überweisungen", null, true, true), // a \NonExistent placeholder there
                tuple("INBOX.日本語", "日本語", null, false, true));
        assertThat(mapping.notes()).isEmpty();
        createAndListBack(main, mapping, createdOnMain);
    }

    @Test
    @Order(4)
    void aDotInsideALevelIsRefusedByTheMainServerUnlessTheMapperReplacesIt() throws MessagingException {
        MailboxTree source = Trees.of("", '/').add("INBOX").add("v1.2").tree();
        FolderMapping plain = mapper.plan(source, MailboxTrees.read(main), MigrationOptions.defaults());
        assertThat(pair(plain, "v1.2").destination()).isEqualTo("v1.2");
        // Dovecot (Maildir++ under "/") answers NO [CANNOT] "Character not allowed in mailbox name: '.'"
        assertThat(main.getFolder("v1.2").create(jakarta.mail.Folder.HOLDS_MESSAGES)).isFalse();
        FolderMapping replaced = new StandardFolderMapper(".").plan(source, MailboxTrees.read(main),
                MigrationOptions.defaults());
        createAndListBack(main, replaced, createdOnMain);
        assertThat(pair(replaced, "v1.2").destination()).isEqualTo("v1_2");
    }

    /** Creates what the mapping says is missing, reads the tree again: every destination listed back, nothing missing. */
    private void createAndListBack(IMAPStore store, FolderMapping mapping, List<String> created) throws MessagingException {
        for (FolderPair pair : mapping.pairs()) {
            if (!pair.createOnDestination()) continue;
            TestStores.create(store, pair.destination(), pair.subscribed());
            created.add(pair.destination());
        }
        MailboxTree after = MailboxTrees.read(store);
        List<String> names = after.folders().stream().filter(f -> !SourceSelection.noSelect(f))
                .map(MailboxTree.Folder::name).toList();
        assertThat(names).containsAll(mapping.pairs().stream().map(FolderPair::destination).toList());
        assertThat(mapping.pairs()).allSatisfy(pair ->
                assertThat(new FolderPaths(after).levels(pair.destination())).doesNotContain(""));
    }

    private static MailboxTree.Folder folder(MailboxTree tree, String name) {
        return tree.folders().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + tree));
    }

    private static FolderPair pair(FolderMapping mapping, String source) {
        return mapping.pairs().stream().filter(p -> p.source().equals(source)).findFirst().orElseThrow();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

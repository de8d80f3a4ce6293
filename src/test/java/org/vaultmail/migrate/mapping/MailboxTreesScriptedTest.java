package org.vaultmail.migrate.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;

/**
 * {@link MailboxTrees#read} against scripted servers of shapes the shared ones lack: UTF8=ACCEPT (Angus enables
 * it, names arrive as UTF-8), and LIST/LSUB without LIST-EXTENDED with other users' and shared namespaces.
 */
class MailboxTreesScriptedTest {

    @Test
    void utf8AcceptIsEnabledByAngusAndNamesArriveAsUtf8() throws Exception {
        try (var server = new ScriptedImapServer(
                "IMAP4rev1 ENABLE UTF8=ACCEPT NAMESPACE LIST-EXTENDED SPECIAL-USE",
                "((\"\" \"/\")) NIL NIL",
                List.of("(\\HasNoChildren) \"/\" INBOX",
                        "(\\HasNoChildren \\Subscribed \\Sent) \"/\" \"Gesendete Elemente\"",
                        "(\\HasNoChildren) \"/\" \"Überweisungen\"",
                        "(\\HasNoChildren) \"/\" \"a&b\""),
                List.of())) {
            IMAPStore store = TestStores.connect(server.port(), "mig-map@example.test", "mig-map-pass");
            MailboxTree tree = MailboxTrees.read(store);
            store.close();
            assertThat(tree.utf8Accept()).isTrue();
            assertThat(tree.folders()).extracting(MailboxTree.Folder::name, MailboxTree.Folder::subscribed)
                    .containsExactly(tuple("INBOX", false), tuple("Gesendete Elemente", true),
                            tuple("Überweisungen", false), tuple("a&b", false)); // "&" is no UTF-7 shift in UTF-8
            assertThat(tree.folders().get(1).attributes()).containsExactlyInAnyOrder("\\HasNoChildren", "\\Sent");
            assertThat(server.commands).anyMatch(c -> c.endsWith("ENABLE UTF8=ACCEPT"))
                    .anyMatch(c -> c.endsWith("LIST \"\" \"*\" RETURN (SUBSCRIBED SPECIAL-USE)"))
                    .noneMatch(c -> c.contains("LSUB")).noneMatch(c -> c.contains("mig-map-pass"));
        }
    }

    @Test
    void withoutListExtendedSubscriptionsComeFromLsubAndOtherNamespacesAreLeftOut() throws Exception {
        try (var server = new ScriptedImapServer(
                "IMAP4rev1 NAMESPACE",
                "((\"INBOX.\" \".\")) ((\"user.\" \".\")) ((\"shared.\" \".\"))",
                List.of("(\\HasChildren) \".\" INBOX",
                        "(\\HasNoChildren) \".\" INBOX.&ANw-berweisungen",
                        "(\\HasNoChildren) \".\" \"INBOX.Sent Items\"",
                        "(\\Noselect \\HasChildren) \".\" user",
                        "(\\HasNoChildren) \".\" user.bob",
                        "(\\HasNoChildren) \".\" shared.team"),
                List.of("() \".\" \"INBOX.Sent Items\""))) {
            IMAPStore store = TestStores.connect(server.port(), "mig-map@example.test", "mig-map-pass");
            MailboxTree tree = MailboxTrees.read(store);
            store.close();
            assertThat(tree.personalPrefix()).isEqualTo("INBOX.");
            assertThat(tree.separator()).isEqualTo('.');
            assertThat(tree.utf8Accept()).isFalse();
            assertThat(tree.folders()).extracting(MailboxTree.Folder::name, MailboxTree.Folder::subscribed)
                    .containsExactly(tuple("INBOX", false), tuple("INBOX.Überweisungen", false),
                            tuple("INBOX.Sent Items", true));
            assertThat(server.commands).anyMatch(c -> c.endsWith("LIST \"\" \"*\""))
                    .anyMatch(c -> c.endsWith("LSUB \"\" \"*\""));
            // and the localised name makes it the Sent folder on a main-shaped destination
            var pairs = new StandardFolderMapper().map(tree, Trees.main().add("Sent", "\\Sent").tree(),
                    org.vaultmail.migrate.MigrationOptions.defaults());
            assertThat(pairs).extracting(FolderPair::source, FolderPair::destination).contains(
                    tuple("INBOX.Sent Items", "Sent"), tuple("INBOX.Überweisungen", "Überweisungen"));
        }
    }
}

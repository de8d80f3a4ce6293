package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.MailboxTree;

/** The label policy on its own (ADR 0046). */
class GmailLabelsTest {

    private static final Map<String, GmailLabels.Role> ROLES = Map.of(
            "INBOX", GmailLabels.Role.INBOX, "[Gmail]/Sent Mail", GmailLabels.Role.SENT,
            "[Gmail]/Trash", GmailLabels.Role.TRASH, "[Gmail]/All Mail", GmailLabels.Role.ALL,
            "[Gmail]/Starred", GmailLabels.Role.VIEW, "Work", GmailLabels.Role.LABEL, "Receipts", GmailLabels.Role.LABEL,
            "Work/Projects", GmailLabels.Role.LABEL);
    private static final MigrationOptions.GmailLabels FIRST = MigrationOptions.GmailLabels.FIRST_LABEL;
    private static final MigrationOptions.GmailLabels ALL = MigrationOptions.GmailLabels.ALL_LABELS;

    @Test
    void firstLabel() {
        assertThat(homes(FIRST, "INBOX", "[Gmail]/All Mail", "Work")).containsExactly("INBOX");
        assertThat(homes(FIRST, "Work", "[Gmail]/All Mail", "Receipts")).containsExactly("Receipts");
        assertThat(homes(FIRST, "Work/Projects", "Work")).containsExactly("Work");
        assertThat(homes(FIRST, "[Gmail]/All Mail")).containsExactly("[Gmail]/All Mail");
        assertThat(homes(FIRST, "[Gmail]/Sent Mail", "INBOX")).containsExactly("INBOX");
        assertThat(homes(FIRST, "[Gmail]/Sent Mail", "Work", "[Gmail]/All Mail")).containsExactly("[Gmail]/Sent Mail");
        assertThat(homes(FIRST, "[Gmail]/Starred", "[Gmail]/All Mail")).containsExactly("[Gmail]/All Mail");
    }

    @Test
    void allLabels() {
        assertThat(homes(ALL, "INBOX", "[Gmail]/All Mail", "Work")).containsExactlyInAnyOrder("INBOX", "Work");
        assertThat(homes(ALL, "[Gmail]/All Mail")).containsExactly("[Gmail]/All Mail");
        assertThat(homes(ALL, "[Gmail]/Starred", "Work")).containsExactly("Work");
    }

    @Test
    void exclusionsLeaveEachCopyButTheHomeOnes() {
        Map<String, Map<Long, String>> keys = Map.of(
                "INBOX", Map.of(1L, "a"),
                "[Gmail]/All Mail", Map.of(10L, "a", 11L, "b", 12L, "c"),
                "Work", Map.of(5L, "a", 6L, "b"));
        Map<String, Set<Long>> out = GmailLabels.exclusions(keys, ROLES, FIRST);
        assertThat(out).containsOnlyKeys("[Gmail]/All Mail", "Work");
        assertThat(out.get("[Gmail]/All Mail")).containsExactly(10L, 11L);
        assertThat(out.get("Work")).containsExactly(5L);
    }

    @Test
    void gmailShapeAndEnglishNames() {
        MailboxTree tree = new MailboxTree("", '/', false, List.of(
                new MailboxTree.Folder("INBOX", Set.of(), true),
                new MailboxTree.Folder("[Gmail]", Set.of("\\Noselect"), true),
                new MailboxTree.Folder("[Gmail]/All Mail", Set.of(), true),
                new MailboxTree.Folder("[Gmail]/Sent Mail", Set.of(), true),
                new MailboxTree.Folder("[Gmail]/Starred", Set.of(), true),
                new MailboxTree.Folder("Work", Set.of(), true)));
        assertThat(GmailLabels.gmailShaped(tree, false)).isTrue();
        MailboxTree annotated = GmailLabels.annotate(tree);
        assertThat(annotated.folders()).extracting(GmailLabels::role).containsExactly(GmailLabels.Role.INBOX,
                GmailLabels.Role.LABEL, GmailLabels.Role.ALL, GmailLabels.Role.SENT, GmailLabels.Role.VIEW,
                GmailLabels.Role.LABEL);
        MailboxTree plain = new MailboxTree("", '/', false, List.of(new MailboxTree.Folder("INBOX", Set.of(), true),
                new MailboxTree.Folder("Work", Set.of(), true)));
        assertThat(GmailLabels.gmailShaped(plain, false)).isFalse();
        assertThat(GmailLabels.gmailShaped(plain, true)).isTrue();
    }

    @Test
    void xGmMsgidLinesAreRead() {
        assertThat(GmailKeys.parse(List.of("* 1 FETCH (UID 7 X-GM-MSGID 1278455344230334865)",
                "* 2 FETCH (X-GM-MSGID 99 UID 8)", "* 3 FETCH (FLAGS (\\Seen))")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(7L, "gm:1278455344230334865", 8L, "gm:99"));
    }

    private static Set<String> homes(MigrationOptions.GmailLabels mode, String... folders) {
        return GmailLabels.homes(List.of(folders), ROLES, mode);
    }
}

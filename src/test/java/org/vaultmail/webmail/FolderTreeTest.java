package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;

class FolderTreeTest {

    private static FolderInfo folder(String path, FolderRole role) {
        return new FolderInfo(FolderPath.of(path, '/'), role, 3, 1, true, true);
    }

    @Test
    void rolesComeFirstInTheirOrderThenOtherFoldersByNameWithChildrenNested() {
        List<FolderNode> tree = FolderTree.of(List.of(folder("zeta", null), folder("Trash", FolderRole.TRASH),
                folder("Archive/2024", null), folder("Sent", FolderRole.SENT), folder("alpha", null), folder("INBOX", FolderRole.INBOX),
                folder("Junk", FolderRole.JUNK), folder("Archive", FolderRole.ARCHIVE), folder("Drafts", FolderRole.DRAFTS)));
        assertThat(tree).extracting(FolderNode::path).containsExactly("INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash", "alpha", "zeta");
        assertThat(tree.get(3).children()).extracting(FolderNode::path).containsExactly("Archive/2024");
        assertThat(tree.get(3).children().getFirst().href()).isEqualTo("/mail/Archive%2F2024");
        assertThat(FolderTree.find(tree, "Archive/2024")).isPresent();
    }

    @Test
    void aSubFolderWhoseParentIsNotListedStaysAtTheTop() {
        List<FolderNode> tree = FolderTree.of(List.of(folder("INBOX", FolderRole.INBOX), folder("Lists/dev", null)));
        assertThat(tree).extracting(FolderNode::path).containsExactly("INBOX", "Lists/dev");
    }
}

package org.vaultmail.webmail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A folder in the navigation: {@code label} is the server's name, {@code roleKey} the message key of its role
 * ("folder.role.inbox") that the template prefers when set; children are nested by the path's hierarchy.
 */
record FolderNode(String path, String label, @Nullable String role, int total, int unread, boolean selectable, String href,
                  List<FolderNode> children) {

    FolderNode {
        children = List.copyOf(children);
    }

    public @Nullable String roleKey() {
        return role == null ? null : "folder.role." + role;
    }
}

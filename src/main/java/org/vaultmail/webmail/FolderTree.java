package org.vaultmail.webmail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.FolderRole;

/**
 * Orders folders for the navigation: the role folders first (Inbox, Drafts, Sent, Archive, Junk, Trash), then
 * the others by name, each with its sub-folders nested beneath it. A sub-folder whose parent the server did not
 * list is shown at the top level.
 */
final class FolderTree {

    private static final List<FolderRole> ROLE_ORDER = List.of(FolderRole.INBOX, FolderRole.DRAFTS, FolderRole.SENT,
            FolderRole.ARCHIVE, FolderRole.JUNK, FolderRole.TRASH);

    private FolderTree() {
    }

    static List<FolderNode> of(List<FolderInfo> folders) {
        Map<String, FolderInfo> byPath = new LinkedHashMap<>();
        for (FolderInfo f : folders) byPath.put(f.path().asString(), f);
        Map<String, List<FolderInfo>> children = new LinkedHashMap<>();
        List<FolderInfo> roots = new ArrayList<>();
        for (FolderInfo f : folders) {
            Optional<FolderPath> parent = f.path().parent();
            if (parent.isPresent() && byPath.containsKey(parent.get().asString())) {
                children.computeIfAbsent(parent.get().asString(), k -> new ArrayList<>()).add(f);
            } else {
                roots.add(f);
            }
        }
        roots.sort(ORDER);
        return roots.stream().map(f -> node(f, children)).toList();
    }

    /** Role folders in their fixed order, then the rest by name (case-insensitive). */
    static final Comparator<FolderInfo> ORDER = Comparator.<FolderInfo>comparingInt(f -> rank(f.role()))
            .thenComparing(f -> f.name().toLowerCase(Locale.ROOT)).thenComparing(f -> f.path().asString());

    private static int rank(@Nullable FolderRole role) {
        int i = role == null ? -1 : ROLE_ORDER.indexOf(role);
        return i < 0 ? ROLE_ORDER.size() : i;
    }

    private static FolderNode node(FolderInfo f, Map<String, List<FolderInfo>> children) {
        List<FolderInfo> mine = new ArrayList<>(children.getOrDefault(f.path().asString(), List.of()));
        mine.sort(ORDER);
        String role = f.role() == null ? null : f.role().name().toLowerCase(Locale.ROOT);
        return new FolderNode(f.path().asString(), f.name(), role, f.total(), f.unread(), f.selectable(),
                MailUrls.folder(f.path().asString()), mine.stream().map(c -> node(c, children)).toList());
    }

    /** The node with this path anywhere in the tree. */
    static Optional<FolderNode> find(List<FolderNode> nodes, String path) {
        for (FolderNode n : nodes) {
            if (n.path().equals(path)) return Optional.of(n);
            Optional<FolderNode> inside = find(n.children(), path);
            if (inside.isPresent()) return inside;
        }
        return Optional.empty();
    }
}

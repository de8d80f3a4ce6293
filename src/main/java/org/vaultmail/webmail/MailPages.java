package org.vaultmail.webmail;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.SearchQueryParser;

/** Fills the model of the mail page and its panes from {@link Mailbox}; the templates only display. */
@Component
class MailPages {

    static final int PAGE_SIZE = 50;

    private final Mailbox mailbox;
    private final Clock clock;

    MailPages(Mailbox mailbox, ObjectProvider<Clock> clock) {
        this.mailbox = mailbox;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The folder navigation; {@code current} is the open folder's path. */
    void folders(AuthenticatedSession me, String current, Model model) {
        List<FolderNode> tree = FolderTree.of(mailbox.folders(me));
        model.addAttribute("folders", tree);
        model.addAttribute("currentFolder", current);
        FolderTree.find(tree, current).ifPresent(f -> model.addAttribute("folderNode", f));
    }

    /** The folders, or an empty navigation when even they cannot be listed (the page then shows the problem). */
    void foldersIfPossible(AuthenticatedSession me, String current, Model model) {
        try {
            folders(me, current, model);
        } catch (MailStoreException | org.vaultmail.vault.VaultException e) {
            model.addAttribute("folders", List.of());
            model.addAttribute("currentFolder", current);
        }
    }

    /** The list pane: a page of the folder in the asked order, or of what matches the search. */
    void list(AuthenticatedSession me, FolderPath folder, ListParams params, int offset, @Nullable Long openUid, Model model,
              Locale locale) {
        if (params.searchingEverywhere()) {
            everywhere(me, folder, params, openUid, model, locale);
            return;
        }
        MessagePage page = mailbox.list(me, folder, offset, PAGE_SIZE, params.sortOrder(), params.descending(),
                SearchQueryParser.parse(params.searching() ? params.q() : null));
        String path = folder.asString();
        var now = clock.instant();
        model.addAttribute("rows", page.messages().stream().map(m -> MessageRow.of(m, path, params, openUid, now, locale)).toList());
        model.addAttribute("total", page.total());
        int next = page.offset() + page.messages().size();
        model.addAttribute("moreHref", next < page.total() && !page.messages().isEmpty() ? MailUrls.rows(path, params, next) : null);
        model.addAttribute("params", params);
        model.addAttribute("currentFolder", path);
        model.addAttribute("folderHref", MailUrls.folder(path));
        model.addAttribute("actionsHref", MailUrls.actions(path));
        model.addAttribute("folderName", folder.isInbox() ? null : folder.name());
        model.addAttribute("sorts", ListParams.SORTS);
    }

    /** Rows of the list re-rendered after an action changed them (read, flagged): the model's {@code rows}. */
    void rows(AuthenticatedSession me, FolderPath folder, ListParams params, List<Long> uids, @Nullable Long openUid, Model model,
              Locale locale) {
        var now = clock.instant();
        String path = folder.asString();
        model.addAttribute("rows", mailbox.rows(me, folder, uids).stream()
                .map(m -> MessageRow.of(m, path, params, openUid, now, locale)).toList());
        model.addAttribute("params", params);
        model.addAttribute("currentFolder", path);
    }

    /**
     * A search over every folder: the newest {@link Mailbox#MAX_PAGE} hits, each row naming and linking into its
     * folder; the search box stays on the folder the user searched from.
     */
    private void everywhere(AuthenticatedSession me, FolderPath folder, ListParams params, @Nullable Long openUid, Model model,
                            Locale locale) {
        var query = SearchQueryParser.parse(params.q());
        var results = query == null ? new org.vaultmail.mail.SearchResults(0, List.of()) : mailbox.searchAll(me, query, Mailbox.MAX_PAGE);
        var now = clock.instant();
        model.addAttribute("rows", results.messages().stream().map(m -> MessageRow.of(m, m.uid().folder().asString(), params,
                openUid, now, locale).inFolder(m.uid().folder().isInbox() ? null : m.uid().folder().name())).toList());
        model.addAttribute("total", results.total());
        model.addAttribute("shown", results.messages().size());
        model.addAttribute("moreHref", null);
        model.addAttribute("params", params);
        model.addAttribute("currentFolder", folder.asString());
        model.addAttribute("folderHref", MailUrls.folder(folder.asString()));
        model.addAttribute("folderName", folder.isInbox() ? null : folder.name());
        model.addAttribute("sorts", ListParams.SORTS);
    }
}

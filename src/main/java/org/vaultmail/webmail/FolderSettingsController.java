package org.vaultmail.webmail;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.organise.FolderManager;
import org.vaultmail.reading.Mailbox;

/**
 * The folder-management page: create, rename, delete (confirmed in the browser; special folders refused by the
 * service) and subscribe. Plain forms, post-redirect-get; the outcome is a message key shown after the redirect.
 */
@Controller
class FolderSettingsController {

    private final Mailbox mailbox;
    private final FolderManager folders;

    FolderSettingsController(Mailbox mailbox, FolderManager folders) {
        this.mailbox = mailbox;
        this.folders = folders;
    }

    /** One row of the page. */
    record Row(String path, String name, @Nullable String role, int total, boolean subscribed, boolean special) {
    }

    @GetMapping("/settings/folders")
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        List<Row> rows = mailbox.folders(me).stream().filter(FolderInfo::selectable)
                .sorted(Comparator.comparing((FolderInfo f) -> !f.path().isInbox()).thenComparing(f -> f.path().asString()))
                .map(f -> new Row(f.path().asString(), f.name(), f.role() == null ? null : f.role().name().toLowerCase(Locale.ROOT),
                        f.total(), f.subscribed(), f.role() != null))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("me", me);
        return "folder-settings";
    }

    @PostMapping("/settings/folders")
    String create(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String path, RedirectAttributes redirect) {
        return outcome(redirect, "folders.created", path, () -> folders.create(me, path));
    }

    @PostMapping("/settings/folders/rename")
    String rename(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String from, @RequestParam String to,
                  RedirectAttributes redirect) {
        return outcome(redirect, "folders.renamed", to, () -> folders.rename(me, from, to));
    }

    @PostMapping("/settings/folders/delete")
    String delete(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String path, RedirectAttributes redirect) {
        return outcome(redirect, "folders.deleted", path, () -> folders.delete(me, path));
    }

    @PostMapping("/settings/folders/subscribe")
    String subscribe(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String path,
                     @RequestParam(defaultValue = "false") boolean subscribed, RedirectAttributes redirect) {
        return outcome(redirect, subscribed ? "folders.subscribed" : "folders.unsubscribed", path,
                () -> folders.subscribe(me, path, subscribed));
    }

    private static String outcome(RedirectAttributes redirect, String okKey, String path, Runnable work) {
        String key = okKey;
        try {
            work.run();
        } catch (MailStoreException e) {
            key = switch (e.reason()) {
                case EXISTS -> "folders.error.exists";
                case PROTECTED -> "folders.error.protected";
                case NOT_FOUND -> "folders.error.notFound";
                default -> "folders.error.server";
            };
        } catch (IllegalArgumentException e) {
            key = "folders.error.invalid";
        }
        redirect.addFlashAttribute("outcome", key);
        redirect.addFlashAttribute("outcomePath", path);
        redirect.addFlashAttribute("ok", key.equals(okKey));
        return "redirect:/settings/folders";
    }
}

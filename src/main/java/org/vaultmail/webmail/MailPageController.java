package org.vaultmail.webmail;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.MailboxChanges;
import org.vaultmail.reading.MessageView;

/**
 * The mail pages: {@code /mail} (the INBOX), {@code /mail/{folder}} (a list) and {@code /mail/{folder}/{uid}}
 * (a message open). A direct load renders the whole page; an htmx request for a pane gets only that pane.
 */
@Controller
@RequestMapping("/mail")
class MailPageController {

    private static final Logger log = LoggerFactory.getLogger(MailPageController.class);

    private final Mailbox mailbox;
    private final MailboxChanges changes;
    private final MailPages pages;
    private final FrameHandoff handoff;

    MailPageController(Mailbox mailbox, MailboxChanges changes, MailPages pages, FrameHandoff handoff) {
        this.mailbox = mailbox;
        this.changes = changes;
        this.pages = pages;
        this.handoff = handoff;
    }

    @GetMapping({"", "/"})
    String inbox(@AuthenticationPrincipal AuthenticatedSession me, @ModelAttribute ListQuery query, HttpServletRequest request,
                 HttpServletResponse response, Model model, Locale locale) {
        return folder(me, "INBOX", query, request, response, model, locale);
    }

    @GetMapping("/{folder}")
    String folder(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @ModelAttribute ListQuery query,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Htmx.vary(response);
        ListParams params = query.params();
        FolderPath path = mailbox.folder(me, folder);
        pages.list(me, path, params, 0, null, model, locale);
        if (Htmx.targets(request, Htmx.LIST_PANE)) {
            model.addAttribute("partial", true); // also empties the reading pane (out-of-band swap)
            return "mail/list :: pane";
        }
        pages.folders(me, path.asString(), model);
        return "mail/page";
    }

    /** The next page of rows, for "load more" and infinite scrolling. */
    @GetMapping("/{folder}/rows")
    String rows(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder,
                @RequestParam(defaultValue = "0") int offset, @ModelAttribute ListQuery query, Model model, Locale locale) {
        ListParams params = query.paramsInThisFolder();
        pages.list(me, mailbox.folder(me, folder), params, Math.max(0, offset), null, model, locale);
        return "mail/list :: rows";
    }

    @GetMapping("/{folder}/{uid}")
    String message(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                   @RequestParam(defaultValue = "false") boolean remote, @ModelAttribute ListQuery query,
                   HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Htmx.vary(response);
        ListParams params = query.params();
        FolderPath path = mailbox.folder(me, folder);
        MessageView view = mailbox.read(me, path, uid, remote);
        ReadingPane pane = ReadingPane.of(view, path, params, locale);
        handoff.put(me.userId(), me.sessionId(), path.asString(), uid, view.remoteContentShown(), FrameBody.of(view));
        model.addAttribute("message", pane);
        markRead(me, path, uid, pane);
        if (Htmx.targets(request, Htmx.READING_PANE)) return "mail/message :: pane";
        pages.list(me, path, params, 0, uid, model, locale);
        pages.folders(me, path.asString(), model);
        return "mail/page";
    }

    /** "Always show images from this sender": remembered, then the message is shown again with its images. */
    @PostMapping("/{folder}/{uid}/trust-sender")
    String trustSender(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                       @ModelAttribute ListQuery query, HttpServletRequest request, HttpServletResponse response, Model model,
                       Locale locale) {
        FolderPath path = mailbox.folder(me, folder);
        changes.senderOf(me, path, uid).ifPresent(sender -> mailbox.trustSender(me, sender.address()));
        if (!Htmx.targets(request, Htmx.READING_PANE)) return "redirect:" + MailUrls.message(path.asString(), uid, query.params());
        return message(me, folder, uid, true, query, request, response, model, locale);
    }

    /** Opening a message marks it read, once it rendered; a failure here must not hide the message. */
    private void markRead(AuthenticatedSession me, FolderPath path, long uid, ReadingPane pane) {
        if (!pane.wasUnread()) return;
        try {
            mailbox.setFlags(me, path, List.of(uid), Set.of(MessageFlag.SEEN), true);
        } catch (MailStoreException e) {
            log.info("Could not mark message {} read: {}", uid, e.getMessage());
        }
    }
}

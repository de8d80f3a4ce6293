package org.vaultmail.webmail;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.organise.Action;
import org.vaultmail.organise.FolderManager;
import org.vaultmail.organise.Job;
import org.vaultmail.organise.Organiser;
import org.vaultmail.organise.Outcome;
import org.vaultmail.organise.Selection;
import org.vaultmail.reading.Mailbox;

/**
 * Organising from the mail UI, hypermedia style (ADR 0056): each action answers with the HTML it changed. Read and
 * flag changes send the changed rows and the folder counts out of band and leave the list where it is; anything that
 * moves messages sends the list afresh; a big selection answers with a progress fragment that polls itself until the
 * job is done. Toasts and undo come as {@code HX-Trigger} events. The JSON API ({@code /api/v1}) stays for API clients.
 */
@Controller
@RequestMapping("/mail/{folder}")
class OrganisePageController {

    private final Organiser organiser;
    private final FolderManager folders;
    private final Mailbox mailbox;
    private final MailPages pages;
    private final MessageSource messages;

    OrganisePageController(Organiser organiser, FolderManager folders, Mailbox mailbox, MailPages pages, MessageSource messages) {
        this.organiser = organiser;
        this.folders = folders;
        this.mailbox = mailbox;
        this.pages = pages;
        this.messages = messages;
    }

    @PostMapping("/actions")
    String act(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @ModelAttribute OrganiseForm form,
               @ModelAttribute ListQuery query, HttpServletResponse response, Model model, Locale locale) {
        Action action = Action.of(form.action() == null ? "" : form.action());
        ListParams params = query.params();
        FolderPath path = mailbox.folder(me, folder);
        if (!form.everything() && form.uids().isEmpty()) throw new OrganiseRefused("organise.problem.nothingSelected");
        Selection selection = form.everything() ? Selection.allIn(path.asString(), params.searching() ? params.q() : null)
                : Selection.of(path.asString(), form.uids());
        Organiser.Started started = organiser.act(me, action, selection, form.to());
        if (started.job() != null) {
            response.setHeader("HX-Retarget", "#bulk-progress");
            response.setHeader("HX-Reswap", "outerHTML");
            return progress(started.job(), path, params, model);
        }
        Outcome outcome = java.util.Objects.requireNonNull(started.outcome());
        if (!action.moves() && action != Action.COPY && !form.everything()) {
            return changedInPlace(me, path, params, form, outcome, response, model, locale);
        }
        return listAfresh(me, path, params, outcome, response, model, locale);
    }

    /** A running job's progress (polled by the fragment itself), or, once it is done, the list afresh. */
    @GetMapping("/jobs/{id}")
    String job(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable String id,
               @ModelAttribute ListQuery query, HttpServletResponse response, Model model, Locale locale) {
        ListParams params = query.params();
        FolderPath path = mailbox.folder(me, folder);
        Job.Snapshot job = organiser.job(me, id).orElse(null);
        if (job == null || job.state() == Job.State.FAILED) {
            new HxTriggers().toast(text(job == null ? "organise.problem.jobGone" : "organise.failed", locale)).writeTo(response);
            model.addAttribute("job", null);
            return "mail/organise :: progress";
        }
        if (job.state() == Job.State.RUNNING) return progress(job, path, params, model);
        listAfresh(me, path, params, java.util.Objects.requireNonNull(job.outcome()), response, model, locale);
        model.addAttribute("job", null);
        return "mail/organise :: jobDone";
    }

    @PostMapping("/undo/{token}")
    String undo(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable String token,
                @ModelAttribute ListQuery query, HttpServletResponse response, Model model, Locale locale) {
        FolderPath path = mailbox.folder(me, folder);
        organiser.undo(me, token);
        new HxTriggers().toast(text("organise.undone", locale)).writeTo(response);
        return list(me, path, query.params(), model, locale);
    }

    /** Trash or Junk emptied for good (the button asks first). */
    @PostMapping("/empty")
    String empty(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @ModelAttribute ListQuery query,
                 HttpServletResponse response, Model model, Locale locale) {
        FolderPath path = mailbox.folder(me, folder);
        int count = folders.empty(me, path.asString());
        new HxTriggers().toast(text("organise.done", locale, count)).writeTo(response);
        return list(me, path, query.params(), model, locale);
    }

    private String progress(Job.Snapshot job, FolderPath path, ListParams params, Model model) {
        model.addAttribute("job", job);
        model.addAttribute("percent", job.total() == 0 ? 0 : job.done() * 100 / job.total());
        model.addAttribute("pollHref", MailUrls.job(path.asString(), job.id(), params));
        return "mail/organise :: progress";
    }

    /** Read or flagged changed: those rows and the counts, out of band; the list, its scroll and the open message stay. */
    private String changedInPlace(AuthenticatedSession me, FolderPath path, ListParams params, OrganiseForm form, Outcome outcome,
                                  HttpServletResponse response, Model model, Locale locale) {
        List<Long> uids = form.uids();
        pages.rows(me, path, params, uids, form.open(), model, locale);
        pages.folders(me, path.asString(), model);
        model.addAttribute("selectedUids", form.keepsSelection() ? uids : List.of());
        model.addAttribute("openChanged", form.opened(uids));
        model.addAttribute("openUid", form.open());
        model.addAttribute("actionsHref", MailUrls.actions(path.asString()));
        response.setHeader("HX-Reswap", "none");
        new HxTriggers().toast(text("organise.done", locale, outcome.count())).writeTo(response);
        return "mail/organise :: changed";
    }

    /** Messages left (or were copied, or a whole folder changed): the list afresh, the counts, undo when it can. */
    private String listAfresh(AuthenticatedSession me, FolderPath path, ListParams params, Outcome outcome,
                              HttpServletResponse response, Model model, Locale locale) {
        HxTriggers events = new HxTriggers();
        if (outcome.undoToken() != null) {
            String message = outcome.action() == Action.DELETE ? text("organise.deleted", locale, outcome.count())
                    : text("organise.moved", locale, outcome.count(), outcome.to());
            events.undo(message, MailUrls.undo(path.asString(), outcome.undoToken(), params));
        } else {
            events.toast(text("organise.done", locale, outcome.count()));
        }
        events.writeTo(response);
        return list(me, path, params, model, locale);
    }

    private String list(AuthenticatedSession me, FolderPath path, ListParams params, Model model, Locale locale) {
        pages.list(me, path, params, 0, null, model, locale);
        pages.folders(me, path.asString(), model);
        model.addAttribute("partial", true); // empties the reading pane: the open message may have gone
        return "mail/organise :: list";
    }

    private String text(String key, Locale locale, @Nullable Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}

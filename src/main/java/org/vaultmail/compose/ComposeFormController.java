package org.vaultmail.compose;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;
import org.vaultmail.mail.MailStoreException;

/**
 * The composer's form posts (ADR 0057), answering HTML fragments the page swaps out of band: saving the draft
 * answers the status line with the time, the draft's new UID and its files, and so does attaching a file; sending
 * (with undo) and discarding answer a redirect to the mail. The same services as the JSON API ({@link Drafts}, {@link Replies}); refusals in {@link ComposeFormProblems}.
 */
@Controller
@RequestMapping("/compose")
class ComposeFormController {

    private static final String MARK = "\u0001";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final Drafts drafts;
    private final Replies replies;
    private final MessageSource messages;
    private final UploadPermits permits;
    private final Sending sending;
    private final Clock clock;

    ComposeFormController(Drafts drafts, Replies replies, UploadPermits permits, Sending sending, MessageSource messages) {
        this.drafts = drafts;
        this.sending = sending;
        this.permits = permits;
        this.replies = replies;
        this.messages = messages;
        this.clock = Clock.systemUTC();
    }

    /** Saves the form as the draft's next version; a draft deleted elsewhere meanwhile is saved as a new one. */
    @PostMapping(path = "/draft", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    String save(@AuthenticationPrincipal AuthenticatedSession me, @ModelAttribute ComposeForm form, Model model, Locale locale,
                HttpServletResponse response) {
        ComposeApi.MessageRequest request = form.request();
        Letter letter = request.letter(me, replies);
        Drafts.Draft saved;
        try {
            saved = drafts.save(me, letter, form.uid(), request.keepAttachments());
        } catch (MailStoreException e) {
            if (e.reason() != MailStoreException.Reason.NOT_FOUND || form.uid() == null) throw e;
            saved = drafts.save(me, letter, null, null); // another tab or client deleted it: its files went with it
        }
        response.setHeader("HX-Reswap", "none"); // only the out-of-band parts: the form stays as typed
        return saved(saved, model, locale);
    }

    /** Adds the file ({@code file}, multipart) to draft {@code uid}; answers as a save does. The page sends one at a time. */
    @PostMapping(path = "/draft/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String attach(@AuthenticationPrincipal AuthenticatedSession me, MultipartHttpServletRequest form, Model model, Locale locale,
                  HttpServletResponse response) {
        try (UploadPermits.Permit _ = permits.acquire(me.userId(), form)) {
            // the body is read (spooled to disk by the container) only now, after the permit (resolve-lazily)
            Drafts.Draft saved = drafts.attach(me, uid(form.getParameter("uid")), UploadedFiles.toAttach(form.getFiles("file")));
            response.setHeader("HX-Reswap", "none");
            return saved(saved, model, locale);
        }
    }

    private static long uid(@Nullable String uid) {
        try {
            if (uid != null) return Long.parseLong(uid.strip());
        } catch (NumberFormatException e) {
            // refused below, as a missing one
        }
        throw new ComposeException("uid", UserText.of(Prepared.REQUIRED, "uid"));
    }

    /**
     * Sends the saved draft {@code uid} after the undo delay (the request waits, {@code /undo} cancels it) and sends
     * the page to the mail. {@code token} is the page's idempotency key (made when the page was rendered): a repeat
     * after a lost answer does not send twice; after a refusal or an undo the same token may send again.
     */
    @PostMapping("/send")
    String send(@AuthenticationPrincipal AuthenticatedSession me, @ModelAttribute ComposeForm form,
                @RequestParam(required = false) @Nullable String token, HttpServletResponse response) {
        sending.sendDraft(me, uid(form.uid() == null ? null : form.uid().toString()), token == null || token.isBlank() ? null : token);
        response.setHeader("HX-Redirect", "/mail?sent=1");
        return "compose-fragments :: nothing";
    }

    /** Cancels a send still waiting out its undo delay; too late is a refusal (the send then answers). */
    @PostMapping("/undo")
    String undo(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam long uid, HttpServletResponse response) {
        if (!sending.cancel(me, uid)) throw new SendCancelledException(UserText.of("problem.compose.noPendingSend", String.valueOf(uid)));
        response.setHeader("HX-Reswap", "none");
        return "compose-fragments :: nothing";
    }

    /** Deletes the draft (gone already is fine) and sends the page to the mail. */
    @PostMapping("/discard")
    String discard(@AuthenticationPrincipal AuthenticatedSession me, @ModelAttribute ComposeForm form, HttpServletResponse response) {
        if (form.uid() != null) {
            try {
                drafts.delete(me, form.uid());
            } catch (MailStoreException e) {
                if (e.reason() != MailStoreException.Reason.NOT_FOUND) throw e;
            }
        }
        response.setHeader("HX-Redirect", "/mail");
        return "compose-fragments :: nothing";
    }

    /** The saved fragment: status line ("Saved 14:02", the time localised in the browser), the UID, the files. */
    String saved(Drafts.Draft draft, Model model, Locale locale) {
        Instant now = clock.instant();
        String[] around = messages.getMessage("compose.status.saved", new Object[] {MARK}, locale).split(MARK, -1);
        model.addAttribute("draft", ComposeApi.DraftView.of(draft));
        model.addAttribute("savedBefore", around[0]);
        model.addAttribute("savedAfter", around.length > 1 ? around[1] : "");
        model.addAttribute("savedAt", now.toString());
        model.addAttribute("savedTime", HH_MM.format(now));
        model.addAttribute("sizes", new FileSizes(locale));
        return "compose-fragments :: saved";
    }

    /** Sizes in the page's language for the template ({@code ${sizes.of(f.size)}}). */
    record FileSizes(Locale locale) {
        public String of(long bytes) {
            return org.vaultmail.i18n.ByteSizes.format(bytes, locale);
        }
    }
}

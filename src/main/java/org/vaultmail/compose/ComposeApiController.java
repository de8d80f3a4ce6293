package org.vaultmail.compose;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.compose.ComposeApi.DraftView;
import org.vaultmail.compose.ComposeApi.MessageRequest;
import org.vaultmail.i18n.UserText;

/** Sending, drafts, reply/forward starts, identities, limits and contacts under {@code /api/v1}. */
@RestController
@RequestMapping("/api/v1")
class ComposeApiController {

    private final Sending sending;
    private final Drafts drafts;
    private final Replies replies;
    private final Identities identities;
    private final Limits limits;
    private final Contacts contacts;
    private final UploadPermits permits;

    ComposeApiController(Sending sending, Drafts drafts, Replies replies, Identities identities, Limits limits, Contacts contacts,
                         UploadPermits permits) {
        this.permits = permits;
        this.sending = sending;
        this.drafts = drafts;
        this.replies = replies;
        this.identities = identities;
        this.limits = limits;
        this.contacts = contacts;
    }

    @PostMapping(path = "/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ComposeApi.Sent> send(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody MessageRequest request,
                                         @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        return sent(sending.send(me, letter(me, request), key));
    }

    private Letter letter(AuthenticatedSession me, MessageRequest request) {
        return request.letter(me, replies);
    }

    /** The same as JSON, as a form: repeated {@code to}/{@code cc}/{@code bcc} fields and {@code attachments} files. */
    @PostMapping(path = "/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ComposeApi.Sent> sendForm(@AuthenticationPrincipal AuthenticatedSession me, MultipartHttpServletRequest form,
                                             @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        try (UploadPermits.Permit _ = permits.acquire(me.userId(), form)) {
            return sendFormWithPermit(me, form, key);
        }
    }

    private ResponseEntity<ComposeApi.Sent> sendFormWithPermit(AuthenticatedSession me, MultipartHttpServletRequest form, @Nullable String key) {
        MessageRequest request = new MessageRequest(form.getParameter("from"), values(form, "to"), values(form, "cc"), values(form, "bcc"),
                form.getParameter("subject"), form.getParameter("text"), form.getParameter("html"),
                Boolean.parseBoolean(form.getParameter("markdown")), form.getParameter("inReplyTo"), null, null, null, null);
        return sent(sending.send(me, request.letter(UploadedFiles.of(form.getFiles("attachments"))), key));
    }

    private static @Nullable List<String> values(MultipartHttpServletRequest form, String name) {
        String[] values = form.getParameterValues(name);
        return values == null ? null : List.of(values);
    }

    @GetMapping("/compose/start")
    ComposeApi.StartView start(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String folder, @RequestParam long uid,
                               @RequestParam String mode) {
        Replies.Start start = replies.start(me, folder, uid, Replies.Mode.parse(mode));
        return new ComposeApi.StartView(ComposeApi.LetterView.of(start.letter()), start.quoteHtml());
    }

    @GetMapping("/compose/limits")
    ComposeApi.LimitsView limits(@AuthenticationPrincipal AuthenticatedSession me) {
        Limits.Effective l = limits.of(me);
        return new ComposeApi.LimitsView(l.maxMessage(), l.maxFile(), l.maxTotal(), sending.undoDelay().toMillis());
    }

    @GetMapping("/identities")
    List<Identity> identities(@AuthenticationPrincipal AuthenticatedSession me) {
        return identities.list(me);
    }

    @PutMapping("/identities/{address}")
    Identity identity(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String address,
                      @RequestBody ComposeApi.IdentityUpdate update) {
        return identities.update(me, address, update.name(), update.signature());
    }

    @GetMapping("/contacts")
    List<Contacts.Contact> contacts(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String q,
                                    @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 50) throw new ComposeException("limit", UserText.of("problem.compose.limit"));
        return contacts.search(me.userId(), q, limit);
    }

    @PostMapping("/drafts")
    ResponseEntity<DraftView> createDraft(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody MessageRequest request) {
        DraftView draft = DraftView.of(drafts.save(me, letter(me, request), null, null));
        return ResponseEntity.created(URI.create("/api/v1/drafts/" + draft.uid())).body(draft);
    }

    @PutMapping("/drafts/{uid}")
    DraftView updateDraft(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long uid, @RequestBody MessageRequest request) {
        return DraftView.of(drafts.save(me, letter(me, request), uid, request.keepAttachments()));
    }

    /** Adds files to a draft (the UI uploads them one by one, with progress); returns the new version. */
    @PostMapping(path = "/drafts/{uid}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    DraftView addFiles(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long uid, MultipartHttpServletRequest form) {
        try (UploadPermits.Permit _ = permits.acquire(me.userId(), form)) {
            // the body is read (spooled to disk by the container) only now, after the permit (resolve-lazily)
            return DraftView.of(drafts.attach(me, uid, UploadedFiles.toAttach(form.getFiles("file"))));
        }
    }

    @GetMapping("/drafts/{uid}")
    DraftView draft(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long uid) {
        return DraftView.of(drafts.load(me, uid));
    }

    @DeleteMapping("/drafts/{uid}")
    ResponseEntity<Void> deleteDraft(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long uid) {
        drafts.delete(me, uid);
        return ResponseEntity.noContent().build();
    }

    /** Sends a draft after the undo delay (the request waits for it); {@code DELETE} on the same path cancels. */
    @PostMapping("/drafts/{uid}/send")
    ResponseEntity<ComposeApi.Sent> sendDraft(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long uid,
                                              @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        return sent(sending.sendDraft(me, uid, key));
    }

    @DeleteMapping("/drafts/{uid}/send")
    ResponseEntity<Void> cancelSend(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long uid) {
        if (!sending.cancel(me, uid)) throw new SendCancelledException(UserText.of("problem.compose.noPendingSend", String.valueOf(uid)));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ComposeApi.Sent> sent(Sending.Sent sent) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED);
        if (sent.replayed()) response.header("Idempotent-Replayed", "true");
        return response.body(new ComposeApi.Sent(sent.messageId()));
    }
}

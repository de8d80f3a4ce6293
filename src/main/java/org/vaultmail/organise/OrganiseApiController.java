package org.vaultmail.organise;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * The organising API: move, copy and delete one message; act on many ({@code …/messages/actions}); jobs; undo;
 * folder management. Folders are addressed as in the reading API (full path, one URL-encoded segment).
 */
@RestController
@RequestMapping("/api/v1")
class OrganiseApiController {

    private final Organiser organiser;
    private final FolderManager folders;
    private final MessageSource messages;

    OrganiseApiController(Organiser organiser, FolderManager folders, MessageSource messages) {
        this.organiser = organiser;
        this.folders = folders;
        this.messages = messages;
    }

    record MoveRequest(@Nullable String to, @Nullable Boolean copy) {
    }

    /** One message moved or copied: its new UID where the server reported it. */
    record Moved(int count, @Nullable String to, @Nullable Long uid, @Nullable String undoToken) {
    }

    record ActionRequest(@Nullable String action, @Nullable List<Long> uids, @Nullable Boolean all, @Nullable String q,
                         @Nullable String to, @Nullable Boolean permanent) {
    }

    record Done(String action, int count, @Nullable String to, @Nullable String undoToken) {
        static Done of(Outcome o) {
            return new Done(o.action().wireName(), o.count(), o.to(), o.undoToken());
        }
    }

    record JobView(String id, String action, String state, int total, int done, @Nullable Done result, @Nullable String error) {
        /** The job as the API shows it, a failure's text in {@code locale}. */
        static JobView of(Job.Snapshot s, MessageSource messages, Locale locale) {
            return new JobView(s.id(), s.action().wireName(), s.state().name().toLowerCase(Locale.ROOT), s.total(), s.done(),
                    s.outcome() == null ? null : Done.of(s.outcome()),
                    s.error() == null ? null : messages.getMessage(s.error(), locale));
        }
    }

    record Undone(int count) {
    }

    record FolderRequest(@Nullable String path, @Nullable Boolean subscribed) {
    }

    record FolderView(String path) {
    }

    record Emptied(int count) {
    }

    @PostMapping("/folders/{folder}/messages/{uid}/move")
    Moved move(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
               @RequestBody MoveRequest request) {
        Action action = Boolean.TRUE.equals(request.copy()) ? Action.COPY : Action.MOVE;
        Outcome o = one(organiser.act(me, action, Selection.of(folder, List.of(uid)), request.to()), folder, uid);
        return new Moved(o.count(), o.to(), o.newUids().get(uid), o.undoToken());
    }

    /** To Trash; for good with {@code permanent=true}, in Trash, or when there is no Trash. */
    @DeleteMapping("/folders/{folder}/messages/{uid}")
    Done delete(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                @RequestParam(defaultValue = "false") boolean permanent) {
        return Done.of(one(organiser.act(me, Action.DELETE, Selection.of(folder, List.of(uid)), null, permanent), folder, uid));
    }

    /** Many messages: 200 with the result, or 202 with a job to poll for more than {@link Organiser#CHUNK}. */
    @PostMapping("/folders/{folder}/messages/actions")
    ResponseEntity<?> act(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @RequestBody ActionRequest request) {
        if (request.action() == null) throw InputRefused.of("input.organise.actionRequired");
        Action action = Action.of(request.action());
        boolean all = Boolean.TRUE.equals(request.all());
        if (!all && request.q() != null) throw InputRefused.of("input.organise.queryWithoutAll");
        Selection selection = all ? Selection.allIn(folder, request.q())
                : new Selection(folder, request.uids() == null ? List.of() : request.uids(), false, null);
        if (request.permanent() != null && request.permanent() && action != Action.DELETE) {
            throw InputRefused.of("input.organise.permanentDeleteOnly");
        }
        Organiser.Started started = organiser.act(me, action, selection, request.to(), Boolean.TRUE.equals(request.permanent()));
        if (started.job() != null) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/jobs/" + started.job().id())
                    .body(JobView.of(started.job(), messages, LocaleContextHolder.getLocale()));
        }
        return ResponseEntity.ok(Done.of(java.util.Objects.requireNonNull(started.outcome())));
    }

    @GetMapping("/jobs/{id}")
    JobView job(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id) {
        return organiser.job(me, id).map(j -> JobView.of(j, messages, LocaleContextHolder.getLocale()))
                .orElseThrow(() -> new MailStoreException(Reason.NOT_FOUND, "There is no job " + id));
    }

    @PostMapping("/undo/{token}")
    Undone undo(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String token) {
        return new Undone(organiser.undo(me, token));
    }

    @PostMapping("/folders")
    ResponseEntity<FolderView> create(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody FolderRequest request) {
        FolderPath created = folders.create(me, required(request.path()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new FolderView(created.asString()));
    }

    /** Renames ({@code path}) and/or (un)subscribes ({@code subscribed}). */
    @PatchMapping("/folders/{folder}")
    FolderView change(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @RequestBody FolderRequest request) {
        if (request.path() == null && request.subscribed() == null) throw InputRefused.of("input.organise.pathOrSubscribed");
        String now = folder;
        if (request.path() != null) now = folders.rename(me, folder, request.path()).asString();
        if (request.subscribed() != null) folders.subscribe(me, now, request.subscribed());
        return new FolderView(now);
    }

    @DeleteMapping("/folders/{folder}")
    ResponseEntity<Void> deleteFolder(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder) {
        folders.delete(me, folder);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/folders/{folder}/empty")
    Emptied empty(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder) {
        return new Emptied(folders.empty(me, folder));
    }

    private static Outcome one(Organiser.Started started, String folder, long uid) {
        Outcome o = java.util.Objects.requireNonNull(started.outcome());
        if (o.count() == 0) throw new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + folder);
        return o;
    }

    private static String required(@Nullable String path) {
        if (path == null) throw InputRefused.of("input.organise.pathRequiredField");
        return path;
    }
}

package org.vaultmail.push;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;

/**
 * {@code GET /api/v1/events?folder=<full path>}: server-sent events for the signed-in session (bearer token or
 * cookies): {@code counts}, {@code new}, {@code changed}, {@code ended}; comment keep-alives; a {@code retry} hint.
 */
@RestController
class EventsController {

    static final int MAX_FOLDER_LENGTH = 1000;

    private final SessionStreams streams;
    private final MailServerDirectory directory;

    EventsController(SessionStreams streams, MailServerDirectory directory) {
        this.streams = streams;
        this.directory = directory;
    }

    @GetMapping("/api/v1/events") // text/event-stream (set by SseEmitter); problems as JSON
    ResponseEntity<?> events(@AuthenticationPrincipal AuthenticatedSession me,
                             @RequestParam(defaultValue = "INBOX") String folder) {
        String path;
        try {
            if (folder.length() > MAX_FOLDER_LENGTH) throw new IllegalArgumentException("too long");
            path = FolderPath.of(folder, '/').asString();
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "problem.events.badFolder");
        }
        MailServers servers = directory.forAddress(me.address()).orElse(null);
        if (servers == null) return problem(HttpStatus.SERVICE_UNAVAILABLE, "problem.events.noDomain");
        try {
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("X-Accel-Buffering", "no") // nginx: pass events through at once
                    .body(streams.open(me, servers, path));
        } catch (MailStoreException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Duration.ofMinutes(1).toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                            "problem.events.tooMany"));
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}

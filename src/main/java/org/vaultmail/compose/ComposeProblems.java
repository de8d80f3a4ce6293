package org.vaultmail.compose;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.vaultmail.i18n.UserText;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.SendException;
import org.vaultmail.web.ApiProblems;

/**
 * Errors of the compose API as {@code application/problem+json}. A problem about one field carries
 * {@code field} (as the request names it: {@code subject}, {@code to[1]}, {@code attachments[0].filename}) so
 * the UI shows it next to that field; refused recipients also come as {@code rejected}. Mail store failures keep
 * their coarser titles ("Conflict", "Mail server problem"); aligning them with reading's would change the API.
 * Titles and fixed details are message keys; a refusal's own text ({@link UserText.Shown}) is told in the request's
 * language, what the mail server or store said stays as it came.
 */
@RestControllerAdvice(assignableTypes = ComposeApiController.class)
class ComposeProblems extends ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ComposeProblems.class);
    // message keys (messages-problems): titles and fixed details are put into the request's language (ADR 0052)
    static final String TOO_LARGE = "problem.compose.tooLarge.title";
    private static final String REJECTED = "problem.compose.rejected.title";

    private final MessageSource messages;

    ComposeProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(TooLargeException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, shown(e), e.field());
        r.getBody().setProperty("limit", e.limit());
        return r;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RecipientRejectedException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.BAD_REQUEST, REJECTED, e.getMessage(), e.field());
        r.getBody().setProperty("rejected", e.rejected());
        return r;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(ComposeException e) {
        return problem(HttpStatus.BAD_REQUEST, "problem.compose.invalid.title", shown(e), e.field());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, "problem.compose.uploadTooLarge", "attachments");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyUploads(TooManyUploadsException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.TOO_MANY_REQUESTS, "problem.compose.tooManyUploads.title", shown(e), "attachments");
        r.getBody().setProperty("limit", e.limit());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "5").body(r.getBody());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> cancelled(SendCancelledException e) {
        return problem(HttpStatus.CONFLICT, "problem.compose.notSent.title", shown(e), null);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> send(SendException e) {
        return switch (e.reason()) {
            case AUTH_FAILED -> problem(HttpStatus.BAD_GATEWAY, "problem.compose.smtpLogin.title",
                    "problem.compose.smtpLogin", "smtp");
            case TOO_LARGE -> problem(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, Sending.SERVER_TOO_LARGE, "attachments");
            case RECIPIENT_REJECTED -> {
                ResponseEntity<ProblemDetail> r = problem(HttpStatus.BAD_REQUEST, REJECTED, e.getMessage(), "to");
                r.getBody().setProperty("rejected", e.rejected());
                yield r;
            }
            case UNAVAILABLE -> problem(HttpStatus.SERVICE_UNAVAILABLE, "problem.api.unavailable.title", e.getMessage(), null);
            case REFUSED -> problem(HttpStatus.BAD_GATEWAY, "problem.compose.refused.title", e.getMessage(), null);
        };
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mail(MailStoreException e) {
        HttpStatus status = status(e.reason());
        if (e.reason() != MailStoreException.Reason.NOT_FOUND) log.warn("Mail request failed: {}", e.getMessage());
        return problem(status, mailTitle(status), e.getMessage(), null);
    }

    private static String mailTitle(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "problem.api.notFound.title";
            case CONFLICT -> "problem.status.409";
            default -> "problem.compose.mailServer.title";
        };
    }

    /** What the user is told about {@code e}, in the request's language where it has a text of its own. */
    private @Nullable String shown(RuntimeException e) {
        return UserText.of(e, messages, LocaleContextHolder.getLocale());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, @Nullable String detail, @Nullable String field) {
        ResponseEntity<ProblemDetail> answer = problem(status, title, detail);
        if (field != null) answer.getBody().setProperty("field", field);
        return answer;
    }

}

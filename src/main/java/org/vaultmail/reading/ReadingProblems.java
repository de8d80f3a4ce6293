package org.vaultmail.reading;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.vault.VaultException;

/** Errors of the reading API as {@code application/problem+json}, with a message the user can act on. */
@RestControllerAdvice(assignableTypes = ReadingApiController.class)
class ReadingProblems {

    private static final Logger log = LoggerFactory.getLogger(ReadingProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mail(MailStoreException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case WRONG_CREDENTIALS -> HttpStatus.UNAUTHORIZED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case REFUSED -> HttpStatus.BAD_GATEWAY;
            case EXISTS, PROTECTED -> HttpStatus.CONFLICT;
        };
        String title = switch (e.reason()) {
            case NOT_FOUND -> "Not found";
            case WRONG_CREDENTIALS -> "Mail server refused your password";
            case UNAVAILABLE -> "Mail server unavailable";
            case REFUSED -> "Mail server refused the request";
            case EXISTS -> "Folder exists";
            case PROTECTED -> "Special folder";
        };
        String detail = switch (e.reason()) {
            case NOT_FOUND -> e.getMessage() + ". It may have been moved or deleted.";
            case WRONG_CREDENTIALS -> "Your mail server no longer accepts the password of this session; sign in again.";
            case UNAVAILABLE -> "Your mail server did not answer. Please try again in a moment.";
            case REFUSED, EXISTS, PROTECTED -> e.getMessage();
        };
        if (status.is5xxServerError()) log.warn("Mail request failed: {}", e.getMessage());
        return problem(status, title, detail);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sessionCredentials(VaultException e) {
        log.info("Session credentials could not be opened: {}", e.getMessage());
        return problem(HttpStatus.UNAUTHORIZED, "Sign in again",
                "This session can no longer open your mail credentials (it ended, or this client lacks its unseal secret); sign in again.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}

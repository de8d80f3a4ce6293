package org.vaultmail.web;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceAware;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.vault.VaultException;

/**
 * Base of a JSON API's {@code @RestControllerAdvice} (reading, organising, compose), as Spring's
 * {@code ResponseEntityExceptionHandler} is: session credentials that no longer open and bad input answer the same
 * {@code application/problem+json} in every API, and {@link #mailStore} maps a mail store failure for all of them.
 * Fixed titles and details are message keys ({@code problem.api.*}), put into the request's language when written.
 */
@NullMarked
public abstract class ApiProblems implements MessageSourceAware {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private @Nullable MessageSource messages;

    /** Set by the context (no constructor argument, so every feature's advice stays as it is). */
    @Override
    public void setMessageSource(MessageSource messages) {
        this.messages = messages;
    }

    /** The session's sealed credentials could not be opened: only signing in again helps. */
    @ExceptionHandler
    public ResponseEntity<ProblemDetail> sessionCredentials(VaultException e) {
        log.info("Session credentials could not be opened: {}", e.getMessage());
        return problem(HttpStatus.UNAUTHORIZED, "problem.api.signInAgain.title",
                "problem.api.signInAgain.detail");
    }

    /**
     * Input the API refused, with the message that says why: in the request's language when the refusal names its text
     * by key ({@code i18n.InputRefused}, a {@link MessageSourceResolvable}), else the exception's own message.
     */
    @ExceptionHandler
    public ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "problem.api.badRequest.title", refusal(e));
    }

    private @Nullable String refusal(IllegalArgumentException e) {
        if (!(e instanceof MessageSourceResolvable text) || messages == null) return e.getMessage();
        return messages.getMessage(text, LocaleContextHolder.getLocale());
    }

    /**
     * A parameter that does not convert ({@code limit=many}): Spring's own text in the request's language (code
     * {@code problemDetail.org.springframework.beans.TypeMismatchException}, as {@link RequestProblems} writes it), not
     * the parser's message that {@link #badRequest} would otherwise show for its {@code NumberFormatException} cause.
     */
    @ExceptionHandler
    public ResponseEntity<ProblemDetail> typeMismatch(TypeMismatchException e) {
        ProblemDetail problem = ErrorResponse.builder(e, HttpStatus.BAD_REQUEST,
                        "Failed to convert '" + e.getPropertyName() + "' with value: '" + e.getValue() + "'")
                .detailMessageCode(ErrorResponse.getDefaultDetailMessageCode(TypeMismatchException.class, null))
                .detailMessageArguments(e.getPropertyName(), e.getValue())
                .build().updateAndGetBody(messages, LocaleContextHolder.getLocale());
        problem.setTitle("problem.api.badRequest.title");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
    }

    /** The HTTP status of a mail store failure, the same in every API. */
    protected static HttpStatus status(MailStoreException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case WRONG_CREDENTIALS -> HttpStatus.UNAUTHORIZED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case REFUSED -> HttpStatus.BAD_GATEWAY;
            case EXISTS, PROTECTED -> HttpStatus.CONFLICT;
        };
    }

    /**
     * A mail store failure with a title per reason; the detail is the exception's message (for NOT_FOUND passed
     * through {@code notFoundDetail}), or what the user can do when the password stopped working or the server is away.
     */
    protected static ResponseEntity<ProblemDetail> mailStore(MailStoreException e, UnaryOperator<@Nullable String> notFoundDetail) {
        String title = switch (e.reason()) {
            case NOT_FOUND -> "problem.api.notFound.title";
            case WRONG_CREDENTIALS -> "problem.api.credentials.title";
            case UNAVAILABLE -> "problem.api.unavailable.title";
            case REFUSED -> "problem.api.refused.title";
            case EXISTS -> "problem.api.exists.title";
            case PROTECTED -> "problem.api.protected.title";
        };
        @Nullable String detail = switch (e.reason()) {
            case NOT_FOUND -> notFoundDetail.apply(e.getMessage());
            case WRONG_CREDENTIALS -> "problem.api.credentials.detail";
            case UNAVAILABLE -> "problem.api.unavailable.detail";
            case REFUSED, EXISTS, PROTECTED -> e.getMessage();
        };
        return problem(status(e.reason()), title, detail);
    }

    protected static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}

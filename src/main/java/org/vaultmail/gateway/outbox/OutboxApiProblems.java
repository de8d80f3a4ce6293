package org.vaultmail.gateway.outbox;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vaultmail.i18n.UserText;
import org.vaultmail.web.ApiProblems;

/** The outbox API's refusals as {@code application/problem+json} (ADR 0031), with the field when one is to blame. */
@RestControllerAdvice(assignableTypes = OutboxApiController.class)
class OutboxApiProblems extends ApiProblems {

    private final MessageSource messages;

    OutboxApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** Title a key (put into the request's language by i18n.ProblemTexts), detail written here in that language. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> outbox(OutboxProblem e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), UserText.of(e, messages, LocaleContextHolder.getLocale()));
        problem.setTitle(e.title());
        if (e.field() != null) problem.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).body(problem);
    }
}

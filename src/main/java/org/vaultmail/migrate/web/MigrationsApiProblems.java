package org.vaultmail.migrate.web;

import java.net.URI;

import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vaultmail.web.ApiProblems;

/** The migrations API's refusals as {@code application/problem+json} (ADR 0031): a type per code, and the field to blame. */
@RestControllerAdvice(assignableTypes = MigrationsApiController.class)
class MigrationsApiProblems extends ApiProblems {

    private final MessageSource messages;

    MigrationsApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> migration(MigrationProblem e) {
        return answer(e, messages);
    }

    /** The problem in the request's language: its title a key (i18n.ProblemTexts), its detail written here. */
    static ResponseEntity<ProblemDetail> answer(MigrationProblem e, MessageSource messages) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), ImportPageController.shown(messages, e));
        problem.setType(URI.create(e.type()));
        problem.setTitle(e.title());
        problem.setProperty("code", e.code());
        if (e.field() != null) problem.setProperty("field", e.field());
        var response = ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        if (e.status().value() == 429) response.header("Retry-After", "60");
        return response.body(problem);
    }
}

package org.vaultmail.gateway.outbox;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vaultmail.web.ApiProblems;

/** The outbox API's refusals as {@code application/problem+json} (ADR 0031), with the field when one is to blame. */
@RestControllerAdvice(assignableTypes = OutboxApiController.class)
class OutboxApiProblems extends ApiProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> outbox(OutboxProblem e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        if (e.field() != null) problem.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).body(problem);
    }
}

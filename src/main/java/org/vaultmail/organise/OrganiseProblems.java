package org.vaultmail.organise;

import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.web.ApiProblems;

/** Errors of the organising API as {@code application/problem+json}: 404 unknown, 409 exists or special, 400 bad input. */
@RestControllerAdvice(assignableTypes = OrganiseApiController.class)
class OrganiseProblems extends ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(OrganiseProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mail(MailStoreException e) {
        ResponseEntity<ProblemDetail> answer = mailStore(e, UnaryOperator.identity());
        if (answer.getStatusCode().is5xxServerError()) log.warn("Organising failed: {}", e.getMessage());
        return answer;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> busy(BulkActionBusyException e) {
        return problem(HttpStatus.CONFLICT, "Busy", e.getMessage());
    }
}

package org.vaultmail.reading;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.web.ApiProblems;

/** Errors of the reading API as {@code application/problem+json}, with a message the user can act on. */
@RestControllerAdvice(assignableTypes = ReadingApiController.class)
class ReadingProblems extends ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ReadingProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mail(MailStoreException e) {
        ResponseEntity<ProblemDetail> answer = mailStore(e, message -> message + ". It may have been moved or deleted.");
        if (answer.getStatusCode().is5xxServerError()) log.warn("Mail request failed: {}", e.getMessage());
        return answer;
    }
}

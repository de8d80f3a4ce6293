package org.vaultmail.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own request errors (a missing or unconvertible parameter, a body that is not JSON, an unknown
 * address, a wrong method or content type, a broken multipart body) for every controller, after each feature's
 * own advice: {@code application/problem+json} with Spring's detail on the API, the HTML error page with the same
 * status on pages (ADR 0031). Replaces Spring Boot's {@code spring.mvc.problemdetails}, which answered pages with JSON.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestProblems extends ResponseEntityExceptionHandler {

    /** Not an MVC exception Spring maps itself: the body could not be read as multipart at all. */
    @ExceptionHandler
    @Nullable ResponseEntity<Object> multipart(MultipartException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "problem.api.multipart.detail");
        problem.setTitle("problem.api.badRequest.title");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                                       HttpStatusCode status, WebRequest request) {
        ServletWebRequest servlet = (ServletWebRequest) request;
        if (ApiPaths.api(servlet.getRequest())) return super.handleExceptionInternal(e, body, headers, status, request);
        HttpServletResponse response = servlet.getResponse();
        if (response == null || response.isCommitted()) return null;
        headers.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v))); // e.g. Allow on a 405
        try {
            response.sendError(status.value()); // the error page (ErrorPages), as for any other page error
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return null;
    }
}

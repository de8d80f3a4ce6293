package org.vaultmail.gateway.outbox;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A request the outbox API refuses: answered as problem+json with this status, title and detail (and the field). */
final class OutboxProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final @Nullable String field;

    OutboxProblem(HttpStatus status, String title, String detail, @Nullable String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    static OutboxProblem invalid(@Nullable String field, String detail) {
        return new OutboxProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid message", detail, field);
    }

    static OutboxProblem notFound() {
        return new OutboxProblem(HttpStatus.NOT_FOUND, "Not found", "No such outbox message.", null);
    }

    static OutboxProblem forbidden(String detail) {
        return new OutboxProblem(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    @Nullable String field() {
        return field;
    }
}

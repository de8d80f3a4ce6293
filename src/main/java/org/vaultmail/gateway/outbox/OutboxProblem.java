package org.vaultmail.gateway.outbox;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.vaultmail.i18n.UserText;

/** A request the outbox API refuses: answered as problem+json with this status, title and detail (and the field). */
final class OutboxProblem extends RuntimeException implements UserText.Shown {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final @Nullable String field;
    private final @Nullable UserText text;

    /**
     * {@code title} a message key ({@code problem.outbox.title.…}, put into the request's language by i18n.ProblemTexts),
     * {@code detail} the text of another part that has no key (English: a parser's reason).
     */
    OutboxProblem(HttpStatus status, String title, String detail, @Nullable String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.text = null;
    }

    OutboxProblem(HttpStatus status, String title, UserText detail, @Nullable String field) {
        super(detail.english(), null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.text = detail;
    }

    static OutboxProblem invalid(@Nullable String field, String detailKey, Object... arguments) {
        return new OutboxProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.outbox.title.invalid", UserText.of(detailKey, arguments), field);
    }

    /** A field another part refused, with that part's own reason: its text if it has one (compose's), else its English. */
    static OutboxProblem refusedField(String field, IllegalArgumentException refusal) {
        @Nullable UserText text = refusal instanceof UserText.Shown shown ? shown.text() : null;
        return text != null ? new OutboxProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.outbox.title.invalid", text, field)
                : new OutboxProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.outbox.title.invalid", String.valueOf(refusal.getMessage()), field);
    }

    static OutboxProblem badRequest(@Nullable String field, String detailKey, Object... arguments) {
        return new OutboxProblem(HttpStatus.BAD_REQUEST, "problem.outbox.title.badRequest", UserText.of(detailKey, arguments), field);
    }

    static OutboxProblem notFound() {
        return new OutboxProblem(HttpStatus.NOT_FOUND, "problem.outbox.title.notFound", UserText.of("problem.outbox.notFound"), null);
    }

    static OutboxProblem forbidden(String detailKey, Object... arguments) {
        return new OutboxProblem(HttpStatus.FORBIDDEN, "problem.outbox.title.forbidden", UserText.of(detailKey, arguments), null);
    }

    @Override
    public @Nullable UserText text() {
        return text;
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

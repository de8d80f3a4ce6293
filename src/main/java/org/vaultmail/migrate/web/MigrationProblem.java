package org.vaultmail.migrate.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.MigrationRefused;

/**
 * A request about migration jobs that is refused: a status, a title, a stable code (the problem type) and a sentence
 * for the user (a message key and its arguments, in the request's language when written); never a password or a
 * server's reply. {@link #of} maps the jobs service's refusal codes.
 */
final class MigrationProblem extends RuntimeException implements UserText.Shown {

    private static final long serialVersionUID = 1L;
    static final String TYPE_PREFIX = "tag:vaultmail.org,2026:problem:migration-";

    private final HttpStatus status;
    private final String title;
    private final String code;
    private final @Nullable String field;
    private final @Nullable UserText text;

    /** {@code title} a message key ({@code problem.import.title.…}, put into the request's language when written). */
    MigrationProblem(HttpStatus status, String title, String code, UserText detail, @Nullable String field) {
        super(detail.english(), null, false, false);
        this.status = status;
        this.title = title;
        this.code = code;
        this.field = field;
        this.text = detail;
    }

    /** A refusal whose detail has no text of its own in the bundles (English, as the jobs service wrote it). */
    private MigrationProblem(HttpStatus status, String title, String code, String detail, @Nullable String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.code = code;
        this.field = field;
        this.text = null;
    }

    static MigrationProblem invalid(@Nullable String field, String detailKey, Object... arguments) {
        return new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.import.title.invalid", "invalid_options",
                UserText.of(detailKey, arguments), field);
    }

    static MigrationProblem badRequest(@Nullable String field, String detailKey, Object... arguments) {
        return new MigrationProblem(HttpStatus.BAD_REQUEST, "problem.import.title.badRequest", "bad_request",
                UserText.of(detailKey, arguments), field);
    }

    /**
     * The session signed in with OAuth (ADR 0045): it holds no password an import could keep, and its tokens open only
     * with the browser's cookie-held secret (G2), so a job that runs without the user has nothing to log in with
     * (ADR 0049 proposes a grant of the job's own). Refused before anything is stored.
     */
    static MigrationProblem destinationSignsInWithOAuth() {
        return new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.import.title.destinationOAuth", "destination_oauth",
                UserText.of(DESTINATION_OAUTH), null);
    }

    static final String DESTINATION_OAUTH = "problem.import.destinationOAuth";

    static MigrationProblem notFound() {
        return new MigrationProblem(HttpStatus.NOT_FOUND, "problem.import.title.notFound", "not_found",
                UserText.of("problem.import.noSuchJob"), null);
    }

    static MigrationProblem unavailable() {
        return new MigrationProblem(HttpStatus.SERVICE_UNAVAILABLE, "problem.import.title.unavailable", "unavailable",
                UserText.of("problem.import.unavailable"), null);
    }

    static MigrationProblem tooLarge(int maxBytes) {
        return new MigrationProblem(HttpStatus.CONTENT_TOO_LARGE, "problem.import.title.tooLarge", "too_large",
                UserText.of("problem.import.bodyTooLarge", String.valueOf(maxBytes)), null);
    }

    /** The jobs service's refusal, with a status and title per code; its text is already written for a person. */
    static MigrationProblem of(MigrationRefused refused) {
        String code = refused.code();
        return switch (code) {
            case "not_found" -> notFound();
            case "unknown_server", "server_not_allowed" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "unknownServer", "source.server");
            case "unknown_provider" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "unknownProvider", "provider");
            case "source_login_failed" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "loginRefused", "source.password");
            case "destination_login_failed" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "destinationLoginRefused", null);
            case "source_unreachable" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "unreachable", "source.server");
            case "destination_unreachable" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "destinationUnreachable", null);
            case "same_account" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "sameAccount", "source.login");
            case "invalid_options" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "invalid", null);
            case "mirror_not_confirmed" -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "mirrorNotConfirmed", "options.confirmMirror");
            case "conflict" -> of(refused, HttpStatus.CONFLICT, "conflict", null);
            case "busy" -> of(refused, HttpStatus.TOO_MANY_REQUESTS, "busy", null);
            default -> of(refused, HttpStatus.UNPROCESSABLE_CONTENT, "refused", null);
        };
    }

    private static MigrationProblem of(MigrationRefused refused, HttpStatus status, String title, @Nullable String field) {
        String titleKey = "problem.import.title." + title;
        UserText text = refused.text();
        if (text != null) return new MigrationProblem(status, titleKey, refused.code(), text, field);
        if (refused.getMessage() == null) return new MigrationProblem(status, titleKey, refused.code(), UserText.of("problem.import.refused"), field);
        return new MigrationProblem(status, titleKey, refused.code(), refused.getMessage(), field);
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

    String code() {
        return code;
    }

    /** The problem's {@code type}: one URI per code. */
    String type() {
        return TYPE_PREFIX + code.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    @Nullable String field() {
        return field;
    }
}

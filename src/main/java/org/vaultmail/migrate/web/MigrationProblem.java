package org.vaultmail.migrate.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.vaultmail.migrate.MigrationRefused;

/**
 * A request about migration jobs that is refused: a status, a title, a stable code (the problem type) and a sentence
 * for the user; never a password or a server's reply. {@link #of} maps the jobs service's refusal codes.
 */
final class MigrationProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final String TYPE_PREFIX = "tag:vaultmail.org,2026:problem:migration-";

    private final HttpStatus status;
    private final String title;
    private final String code;
    private final @Nullable String field;

    MigrationProblem(HttpStatus status, String title, String code, String detail, @Nullable String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.code = code;
        this.field = field;
    }

    static MigrationProblem invalid(@Nullable String field, String detail) {
        return new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid import", "invalid_options", detail, field);
    }

    static MigrationProblem badRequest(@Nullable String field, String detail) {
        return new MigrationProblem(HttpStatus.BAD_REQUEST, "Bad request", "bad_request", detail, field);
    }

    /**
     * The session signed in with OAuth (ADR 0045): it holds no password an import could keep, and its tokens open only
     * with the browser's cookie-held secret (G2), so a job that runs without the user has nothing to log in with
     * (ADR 0049 proposes a grant of the job's own). Refused before anything is stored.
     */
    static MigrationProblem destinationSignsInWithOAuth() {
        return new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Your mailbox signs in with OAuth", "destination_oauth",
                DESTINATION_OAUTH, null);
    }

    static final String DESTINATION_OAUTH = "You signed in with your mail provider's sign-in (OAuth), not a password. An "
            + "import runs while you are away, and this sign-in works only in your browser, so imports into this mailbox "
            + "are not available yet. Nothing was stored.";

    static MigrationProblem notFound() {
        return new MigrationProblem(HttpStatus.NOT_FOUND, "Not found", "not_found", "You have no import job with this id.", null);
    }

    static MigrationProblem unavailable() {
        return new MigrationProblem(HttpStatus.SERVICE_UNAVAILABLE, "Imports unavailable", "unavailable",
                "Importing mail is not available on this server right now.", null);
    }

    /** The jobs service's refusal, with a status and title per code; its message is already written for a person. */
    static MigrationProblem of(MigrationRefused refused) {
        String code = refused.code();
        String detail = refused.getMessage() == null ? "The import was refused." : refused.getMessage();
        return switch (code) {
            case "not_found" -> notFound();
            case "unknown_server", "server_not_allowed" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown server", code, detail, "source.server");
            case "source_login_failed" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Login refused", code, detail, "source.password");
            case "destination_login_failed" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Your mailbox refused the login", code, detail, null);
            case "source_unreachable" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Server unreachable", code, detail, "source.server");
            case "destination_unreachable" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Your mail server is unreachable", code, detail, null);
            case "same_account" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Same mailbox", code, detail, "source.login");
            case "invalid_options" -> new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid import", code, detail, null);
            case "mirror_not_confirmed" ->
                    new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Mirror not confirmed", code, detail, "options.confirmMirror");
            case "conflict" -> new MigrationProblem(HttpStatus.CONFLICT, "Not possible now", code, detail, null);
            case "busy" -> new MigrationProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many imports", code, detail, null);
            default -> new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Import refused", code, detail, null);
        };
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

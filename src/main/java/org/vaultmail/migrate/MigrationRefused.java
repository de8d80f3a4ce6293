package org.vaultmail.migrate;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.UserText;

/**
 * A request the jobs service refuses, with a stable {@code code} for the API's problem type and a message in words
 * for a person (never a password or a server's reply that could echo one).
 * Codes: {@code unknown_server}, {@code server_not_allowed}, {@code source_login_failed},
 * {@code destination_login_failed}, {@code source_unreachable}, {@code destination_unreachable},
 * {@code invalid_options}, {@code mirror_not_confirmed}, {@code not_found}, {@code conflict}, {@code busy}.
 */
public class MigrationRefused extends Exception implements UserText.Shown {

    private final String code;
    private final @Nullable UserText text;

    /** A refusal only the CLI or a log reads (English). */
    public MigrationRefused(String code, String message) {
        super(message);
        this.code = code;
        this.text = null;
    }

    /** A refusal a user or API client reads, in their language; the message is its English (CLI, logs). */
    public MigrationRefused(String code, UserText text) {
        super(text.english());
        this.code = code;
        this.text = text;
    }

    /**
     * Several problems at once (a migration source's fields): the message lists all in English (CLI, logs); a page
     * or API client is told the first, in its language.
     */
    public MigrationRefused(String code, List<UserText> problems) {
        super(problems.stream().map(UserText::english).collect(Collectors.joining("; ")));
        this.code = code;
        this.text = problems.getFirst();
    }

    @Override
    public @Nullable UserText text() {
        return text;
    }

    public String code() {
        return code;
    }
}

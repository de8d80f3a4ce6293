package org.vaultmail.migrate;

/**
 * A request the jobs service refuses, with a stable {@code code} for the API's problem type and a message in words
 * for a person (never a password or a server's reply that could echo one).
 * Codes: {@code unknown_server}, {@code server_not_allowed}, {@code source_login_failed},
 * {@code destination_login_failed}, {@code source_unreachable}, {@code destination_unreachable},
 * {@code invalid_options}, {@code mirror_not_confirmed}, {@code not_found}, {@code conflict}, {@code busy}.
 */
public class MigrationRefused extends Exception {

    private final String code;

    public MigrationRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

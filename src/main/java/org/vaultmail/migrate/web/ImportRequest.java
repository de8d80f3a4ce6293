package org.vaultmail.migrate.web;

import org.jspecify.annotations.Nullable;

/** {@code POST /api/v1/migrations}'s body: where to import from, and how. The password never prints. */
record ImportRequest(@Nullable Source source, @Nullable ImportOptions options) {

    /** The account to import from: an allowed server's name, a login and its password. */
    record Source(@Nullable String server, @Nullable String login, char @Nullable [] password) {
        @Override
        public String toString() {
            return "Source[" + login + " at " + server + "]";
        }
    }

    @Override
    public String toString() {
        return "ImportRequest[" + source + ", " + options + "]";
    }
}

package org.vaultmail.compose;

/** The user already has the most uploads in progress that one user may have (answered 429). */
final class TooManyUploadsException extends RuntimeException {

    private final int limit;

    TooManyUploadsException(int limit) {
        super("You already have " + limit + " uploads in progress; wait until one has finished, then try again.");
        this.limit = limit;
    }

    int limit() {
        return limit;
    }
}

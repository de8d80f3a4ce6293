package org.vaultmail.compose;

import org.vaultmail.i18n.UserText;

/** The user already has the most uploads in progress that one user may have (answered 429). */
final class TooManyUploadsException extends RuntimeException implements UserText.Shown {

    private final int limit;

    TooManyUploadsException(int limit) {
        super(text(limit).english());
        this.limit = limit;
    }

    private static UserText text(int limit) {
        return UserText.of("problem.compose.tooManyUploads", String.valueOf(limit));
    }

    @Override
    public UserText text() {
        return text(limit);
    }

    int limit() {
        return limit;
    }
}

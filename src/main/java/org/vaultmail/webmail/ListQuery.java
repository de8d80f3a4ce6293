package org.vaultmail.webmail;

import org.jspecify.annotations.Nullable;

/**
 * The list's query parameters as a request carries them ({@code ?sort=…&order=…&q=…&scope=…}), bound in one piece
 * ({@code @ModelAttribute}) by every mail page handler; {@link ListParams} is what they mean.
 */
record ListQuery(@Nullable String sort, @Nullable String order, @Nullable String q, @Nullable String scope) {

    ListParams params() {
        return ListParams.of(sort, order, q, scope);
    }

    /** For "load more" rows, which never search every folder. */
    ListParams paramsInThisFolder() {
        return ListParams.of(sort, order, q);
    }
}

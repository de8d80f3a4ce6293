package org.vaultmail.migrate;

import org.jspecify.annotations.Nullable;

/**
 * Who asks. A user sees and acts on their own jobs only (another's is "not found"); an operator (console, operator
 * API, CLI) on every job.
 *
 * @param userId        the signed-in user, null for an operator or the CLI
 * @param actorId       the user's address, {@code operator:NAME} or {@code cli}: the audit entry's actor
 * @param clientAddress the client's address for the audit entry, null for the CLI
 */
public record Requester(@Nullable Long userId, String actorId, boolean operator, @Nullable String clientAddress) {

    public static Requester user(long userId, String address, @Nullable String clientAddress) {
        return new Requester(userId, address, false, clientAddress);
    }

    public static Requester operator(String name, @Nullable String clientAddress) {
        return new Requester(null, "operator:" + name, true, clientAddress);
    }

    public static Requester cli() {
        return new Requester(null, "cli", true, null);
    }
}

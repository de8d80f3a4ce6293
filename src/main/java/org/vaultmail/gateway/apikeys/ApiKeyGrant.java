package org.vaultmail.gateway.apikeys;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a request authenticated by a valid API key may do: the principal of an {@link ApiKeyAuthentication}. Holds
 * the key's id and displayable prefix, never the key.
 *
 * @param mailboxIds the connected mailboxes {@code send} covers, or null for all of the owner's
 */
public record ApiKeyGrant(long keyId, long userId, String ownerAddress, String prefix, Set<ApiScope> scopes,
                          @Nullable Set<Long> mailboxIds) {

    public ApiKeyGrant {
        scopes = Set.copyOf(scopes);
        mailboxIds = mailboxIds == null ? null : Set.copyOf(mailboxIds);
    }

    public boolean has(ApiScope scope) {
        return scopes.contains(scope);
    }

    /** Whether the key may send through this connected mailbox (which the caller has checked is the owner's). */
    public boolean maySendFrom(long mailboxId) {
        return has(ApiScope.SEND) && (mailboxIds == null || mailboxIds.contains(mailboxId));
    }
}

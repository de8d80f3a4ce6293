package org.vaultmail.gateway.mailboxes;

import java.net.URI;

import org.springframework.modulith.NamedInterface;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.ProviderKind;

/**
 * What the outbox needs to send through an OAuth mailbox (ADR 0044): which API ({@code kind}), where
 * ({@code base}: the provider's configured send API base) and fresh bearer tokens for its grant. Holds no token
 * itself; {@link AccessTokenSource} hands out copies the caller closes.
 */
@NamedInterface("mailboxes")
public record SendApi(long mailboxId, ProviderKind kind, URI base, AccessTokenSource tokens) {

    @Override
    public String toString() {
        return "SendApi[mailbox " + mailboxId + ", " + kind + ", " + base + "]";
    }
}

package org.vaultmail.oauth.flow;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An authorization request waiting for its callback, as stored (without the state itself, of which only the hash is
 * kept, and without the sealed verifier and nonce, which {@link PendingRequests#open} returns separately).
 */
record PendingRequest(String id, String browser, String registrationId, String redirectUri, Set<String> scopes,
                      String flow, Map<String, String> context, Instant expiresAt) {
}

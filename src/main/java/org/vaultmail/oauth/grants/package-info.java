/**
 * Long-lived grants (table {@code oauth_grants}, ADR 0043): sealed refresh and access tokens, one refresh at a
 * time per grant across nodes, rotation, {@code invalid_grant}, revocation; and refresh for session-held tokens.
 */
@NullMarked
package org.vaultmail.oauth.grants;

import org.jspecify.annotations.NullMarked;

/**
 * The authorization code flow (ADR 0043): PKCE, state and nonce on Spring Security's OAuth2 client, requests
 * pending in the database bound to the starting browser, the callback and its handlers.
 */
@NullMarked
package org.vaultmail.oauth.flow;

import org.jspecify.annotations.NullMarked;

/**
 * The operator's provider configuration ({@code vaultmail.oauth.providers.<id>}), the client secrets read from files,
 * Spring Security client registrations per provider and purpose, and HTTP with timeouts to the providers' endpoints.
 */
@NullMarked
package org.vaultmail.oauth.config;

import org.jspecify.annotations.NullMarked;

/**
 * The operator console under {@code /admin}: its own filter chain and HTTP session, operator sign-in
 * with password and TOTP, the audit page and the sessions page. Every action is published for the
 * audit log.
 */
@NullMarked
package org.vaultmail.admin.console;

import org.jspecify.annotations.NullMarked;

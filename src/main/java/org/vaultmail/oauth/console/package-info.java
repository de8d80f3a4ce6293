/**
 * The operator console's page of OAuth providers ({@code /admin/oauth}).
 */
@NullMarked
package org.vaultmail.oauth.console;

import org.jspecify.annotations.NullMarked;

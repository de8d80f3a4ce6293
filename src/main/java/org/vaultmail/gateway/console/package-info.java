/**
 * The operator console's part of the gateway (issue 13 item 7, ADR 0040): who uses it and how much
 * ({@link org.vaultmail.gateway.console.GatewayOverview}) and the operator's actions on API access, connected mailboxes
 * and API keys ({@link org.vaultmail.gateway.console.GatewayOperatorActions}). The console's pages and command line in
 * {@code admin} call these through {@code @NamedInterface("console")}.
 */
@NullMarked
package org.vaultmail.gateway.console;

import org.jspecify.annotations.NullMarked;

/**
 * The sending gateway (issue 13): connected mailboxes whose credentials Vaultmail keeps at rest ({@code mailboxes}),
 * API keys ({@code apikeys}), the durable outbox and its delivery worker ({@code outbox}) and signed webhooks
 * ({@code webhooks}). Everything it does that a user or operator should see later is published as one
 * {@link org.vaultmail.gateway.GatewayEvent}: the audit log records each, webhooks deliver those with a webhook type.
 * Sub-packages are internal to the module except for the types each marks {@code @NamedInterface}.
 */
@NullMarked
@ApplicationModule(displayName = "Sending gateway")
package org.vaultmail.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

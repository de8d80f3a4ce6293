/**
 * Signed webhooks of the sending gateway (issue 13 item 6; ADR 0039): users register endpoints for
 * {@link org.vaultmail.gateway.GatewayEvent}s with a webhook type; each event is queued durably per endpoint and
 * delivered by any node, signed as Standard Webhooks 1.0 prescribes, to a destination checked like the image proxy's.
 */
@NullMarked
package org.vaultmail.gateway.webhooks;

import org.jspecify.annotations.NullMarked;

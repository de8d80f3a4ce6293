/**
 * The gateway policy an operator changes in the console (ADR 0040): the configured defaults
 * ({@code vaultmail.gateway.*}), the values stored over them, validation and optimistic saving. Other modules (the
 * console) use the types marked {@code @NamedInterface("policy")}; the gateway itself reads
 * {@link org.vaultmail.gateway.GatewayPolicies}.
 */
@NullMarked
package org.vaultmail.gateway.policy;

import org.jspecify.annotations.NullMarked;

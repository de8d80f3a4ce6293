package org.vaultmail.gateway;

/** The gateway policy in force now; the console's stored changes apply on every node without a restart. */
public interface GatewayPolicies {

    GatewayPolicy current();
}

/**
 * The operator's command line: {@code ./vaultmail keys|auth-keys|audit|passkeys|doctor …}, each a {@link
 * org.vaultmail.admin.CliCommand} bean dispatched by {@code CommandLineInterface}, and the {@code doctor} checks
 * (Java version, data directory, database, keys, mail servers through {@code ServerProbe}, which the console's "Test
 * connection" shares). Exit codes: 0 ok, 1 refused or failed, 64 usage. The console is {@code admin.console}, operator
 * accounts {@code admin.operators}, migration commands {@code admin.migrations}; this module may use every
 * other and no feature uses it (the launcher in {@code org.vaultmail} calls the command line).
 */
@NullMarked
package org.vaultmail.admin;

import org.jspecify.annotations.NullMarked;

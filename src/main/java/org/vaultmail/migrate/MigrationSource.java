package org.vaultmail.migrate;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailDomainsProperties.Security;

/** An operator-allowed migration source host (issue 14 item 1): users pick it by name, never type a host. */
public record MigrationSource(String name, String host, int port, Security security, @Nullable Path trustStore) {
}

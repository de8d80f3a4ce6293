/**
 * The application and what it needs before any feature starts: {@link org.vaultmail.VaultmailApplication}, the
 * launcher that runs the server or a short-lived context for a {@code ./vaultmail} command, the command line's short
 * options, {@code *_FILE} secrets, the data directory and the database (H2 embedded or PostgreSQL). Every feature is
 * a direct sub-package, a Spring Modulith module verified by {@code ModularityTests}; nothing here may depend on one.
 */
@NullMarked
package org.vaultmail;

import org.jspecify.annotations.NullMarked;

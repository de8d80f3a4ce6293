/**
 * Mailbox migration jobs (issue 14; ADR 0041): exact, resumable IMAP-to-IMAP copies. {@code engine} copies (one
 * pass of a source account into a destination account over Angus Mail, with Vaultmail's own protocol arguments where
 * Angus lacks a command), {@code mapping} maps folder names between the two servers, {@code jobs} holds the durable
 * queue, the sealed credentials and the sync state. The public surface is this package: {@link MigrationJobs},
 * {@link MigrationSources} and their value types, used by the API, the pages, the console and the CLI.
 */
@NullMarked
@ApplicationModule(displayName = "Migration jobs")
package org.vaultmail.migrate;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * The user-facing surface of migration jobs (issue 14): {@code /api/v1/migrations} (session token), its server-sent
 * progress, and the settings page "Import mail from another account" ({@code /settings/import}). The destination is
 * always the signed-in user's own mailbox, opened with the session's sealed password; nothing here ever returns a
 * password. Built over {@link org.vaultmail.migrate.MigrationJobs} and {@link org.vaultmail.migrate.MigrationSources}.
 */
@NullMarked
package org.vaultmail.migrate.web;

import org.jspecify.annotations.NullMarked;

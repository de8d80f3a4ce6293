/**
 * The user-facing surface of migration jobs (issue 14): {@code /api/v1/migrations} (session token), its server-sent
 * progress, and the settings page "Import mail from another account" ({@code /settings/import}). The destination is
 * always the signed-in user's own mailbox, opened with the session's sealed password; nothing here ever returns a
 * password. A session that signed in with OAuth has no password: its imports are refused as {@code destination_oauth}
 * and the page says so up front (ADR 0049). "Import from &lt;provider&gt;" (ADR 0046) answers a page that navigates to
 * the provider, because the CSP's {@code form-action 'self'} stops a form's cross-origin redirect. Built over {@link org.vaultmail.migrate.MigrationJobs} and {@link org.vaultmail.migrate.MigrationSources}.
 */
@NullMarked
package org.vaultmail.migrate.web;

import org.jspecify.annotations.NullMarked;

/**
 * Push: new mail and count changes reach the browser as server-sent events ({@code GET /api/v1/events}),
 * fed by a {@link org.vaultmail.mail.FolderWatcher} watch per session (ADR 0013).
 */
@NullMarked
package org.vaultmail.push;

import org.jspecify.annotations.NullMarked;

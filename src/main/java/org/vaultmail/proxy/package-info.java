/**
 * The remote-content proxy (ADR 0012): {@code GET /remote?url=…} fetches a remote image for a mail the
 * user chose to show images for, refusing every destination that is not a public address (G7), and
 * {@link org.vaultmail.proxy.RemoteContentUrls} builds the URLs that point at it.
 */
@NullMarked
package org.vaultmail.proxy;

import org.jspecify.annotations.NullMarked;

/**
 * The hash-chained, append-only audit log (G10, ADR 0020). Other features publish events; the
 * listeners here turn them into entries through Spring Modulith's event publication registry, so an
 * event is stored before it is recorded and a failed recording is retried, never dropped.
 * {@link org.vaultmail.audit.AuditLog} is what the command line and the console use.
 */
@NullMarked
package org.vaultmail.audit;

import org.jspecify.annotations.NullMarked;

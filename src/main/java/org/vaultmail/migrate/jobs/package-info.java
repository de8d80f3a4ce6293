/**
 * The durable side of migration jobs (ADR 0042): the queue on {@code migration_jobs} with lease-based claims, the
 * sealed credentials of both sides, the sync state per pair ({@link org.vaultmail.migrate.jobs.JdbcSyncState}), the
 * operator's source hosts, and the runner that unseals the credentials only for the run.
 */
@NullMarked
package org.vaultmail.migrate.jobs;

import org.jspecify.annotations.NullMarked;

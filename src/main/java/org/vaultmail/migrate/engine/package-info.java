/**
 * The copy engine (ADR 0041): one pass of a source account into a destination account. {@link MigrationEngine} runs
 * the pass (connections under a per-host cap, folders and UID chunks in parallel, pacing, backoff, reconnects);
 * {@link FolderSync} does one folder pair in three phases (plan, copy chunks, finish) on connections it is given;
 * {@link SyncState} is the durable record that makes a pass resumable after a kill at any moment.
 */
@NullMarked
package org.vaultmail.migrate.engine;

import org.jspecify.annotations.NullMarked;

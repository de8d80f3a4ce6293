/**
 * Folder mapping between two IMAP servers (issue 14 item 2; ADR 0041): namespaces, separators, SPECIAL-USE and a
 * table of localised special-folder names, plus the job's include/exclude patterns and manual rules.
 */
@NullMarked
package org.vaultmail.migrate.mapping;

import org.jspecify.annotations.NullMarked;

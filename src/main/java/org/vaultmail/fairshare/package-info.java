/**
 * Fair shares of a node's memory per user (issue 12 item 8, ADR 0029): {@link org.vaultmail.fairshare.PerUserCache}
 * bounds each user's entries on their own, so one user filling a cache never evicts, clears or resets anyone else's.
 */
@NullMarked
package org.vaultmail.fairshare;

import org.jspecify.annotations.NullMarked;

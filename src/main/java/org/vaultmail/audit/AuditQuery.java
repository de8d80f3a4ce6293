package org.vaultmail.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A filter over the audit log (all parts optional, combined with AND): the actor id (exact, e.g. an
 * address or operator name), the action, the outcome, a time range [from, to); and the page (0-based).
 */
public record AuditQuery(@Nullable String actor, @Nullable String action, @Nullable String outcome, @Nullable Instant from,
                         @Nullable Instant to, int page) {

    public static final int PAGE_SIZE = 50;

    /** One page of entries, newest first, and how many match in all. */
    public record Page(List<AuditEntry> entries, long total, int page) {

        public boolean hasNext() {
            return (long) (page + 1) * PAGE_SIZE < total;
        }

        public boolean hasPrevious() {
            return page > 0;
        }
    }
}

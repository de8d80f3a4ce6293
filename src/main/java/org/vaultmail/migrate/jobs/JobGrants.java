package org.vaultmail.migrate.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.Revocation;

/**
 * The OAuth grants of jobs whose source is an OAuth mailbox (ADR 0046). The ending UPDATE of a job deletes its sealed
 * passwords and keeps the grant's id; right after it {@link #release} deletes the grant (revoking it at the provider
 * where it can) and forgets the id. A process that dies between the two leaves the id behind: {@link #sweep} finishes
 * the deletion from the runner's poll. The audit entry {@code migration.credentials.deleted} goes with the ending
 * UPDATE, as for passwords; the oauth module audits the disconnect and the revocation.
 */
final class JobGrants {

    private static final Logger log = LoggerFactory.getLogger(JobGrants.class);

    private final JobRows rows;
    private final ObjectProvider<OAuthGrants> grants;

    JobGrants(JobRows rows, ObjectProvider<OAuthGrants> grants) {
        this.rows = rows;
        this.grants = grants;
    }

    /** The grant's tokens for a run; {@link IllegalStateException} when this build has no OAuth grants. */
    AccessTokenSource tokens(long grantId) {
        OAuthGrants g = grants.getIfAvailable();
        if (g == null) throw new IllegalStateException("OAuth grants are not available in this build");
        return g.accessTokens(grantId);
    }

    /** Deletes the grant of an ended job, if it still names one. */
    void release(String jobId) {
        rows.grantOf(jobId).ifPresent(grant -> delete(jobId, grant));
    }

    /** Finishes deletions a dead process left behind. */
    void sweep() {
        if (grants.getIfAvailable() == null) return;
        for (JobRows.HeldGrant h : rows.endedWithGrant(50)) delete(h.jobId(), h.grantId());
    }

    /** Deletes the grant and removes the reference to it (and to the grant only). */
    void delete(String jobId, long grantId) {
        OAuthGrants g = grants.getIfAvailable();
        if (g == null) {
            log.warn("migration job {}: its OAuth grant cannot be deleted in this build; the sweep retries", jobId);
            return;
        }
        try {
            if (g.find(grantId).isEmpty()) { // deleted already (by an earlier attempt that died before forgetting it)
                rows.grantDeleted(jobId, grantId);
                return;
            }
            Revocation r = g.delete(grantId);
            rows.grantDeleted(jobId, grantId);
            log.info("migration job {}: OAuth grant {} deleted ({})", jobId, grantId, r);
        } catch (RuntimeException e) {
            log.warn("migration job {}: deleting OAuth grant {} failed ({}); the sweep retries", jobId, grantId,
                    e.getClass().getSimpleName());
        }
    }
}

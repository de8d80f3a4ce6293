package org.vaultmail.migrate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Sealed;

/**
 * An ended OAuth job's grant (ADR 0046): released right after the end, and swept when a process died between the ending
 * UPDATE and the deletion; a grant deleted already is only forgotten; a running job's grant is left alone.
 */
class JobGrantsH2Test {

    @TempDir
    Path dir;
    MigrateDb db;
    JobRows rows;
    final FakeGrants grants = new FakeGrants();
    JobGrants jobGrants;

    /** Grants 1..n exist until deleted. */
    static final class FakeGrants implements OAuthGrants {
        final Set<Long> existing = new HashSet<>(Set.of(1L, 2L, 3L));
        final List<Long> deleted = new ArrayList<>();

        @Override
        public long store(long userId, CompletedAuthorization authorization) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AccessTokenSource accessTokens(long grantId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replace(long grantId, CompletedAuthorization authorization) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Revocation delete(long grantId) {
            if (!existing.remove(grantId)) throw new IllegalArgumentException("no OAuth grant " + grantId);
            deleted.add(grantId);
            return Revocation.REVOKED;
        }

        @Override
        public Optional<GrantView> find(long grantId) {
            return existing.contains(grantId) ? Optional.of(new GrantView(grantId, 1, "google", OAuthPurpose.MIGRATION_SOURCE,
                    "a@example.test", Set.of(), GrantView.State.ACTIVE, Instant.EPOCH, null, null, null)) : Optional.empty();
        }
    }

    @BeforeEach
    void setUp() {
        db = new MigrateDb(TestDatabase.Kind.H2, dir);
        rows = new JobRows(db.jdbc);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("grants", grants);
        jobGrants = new JobGrants(rows, beans.getBeanProvider(OAuthGrants.class));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void releaseSweepAndLeaveRunningJobsAlone() {
        job("ended-a", 1L, "finished");
        job("ended-b", 2L, "cancelled");
        job("running", 3L, "running");

        jobGrants.release("ended-a");
        assertThat(grants.deleted).containsExactly(1L);
        assertThat(rows.grantOf("ended-a")).isEmpty();

        grants.existing.remove(2L); // deleted by an attempt that died before forgetting it
        jobGrants.sweep();
        assertThat(rows.grantOf("ended-b")).isEmpty();
        assertThat(rows.grantOf("running")).contains(3L);
        assertThat(grants.deleted).containsExactly(1L);
        assertThat(rows.find("running").orElseThrow().credentialsHeld()).isTrue();
        assertThat(rows.find("ended-a").orElseThrow().credentialsHeld()).isFalse();
    }

    private void job(String id, long grant, String state) {
        rows.insert(id, null, "cli", "gmail", "a@example.test", "example.test", "b@example.test", "imap.gmail.com",
                "127.0.0.1", "pair-" + id, "{}", null, grant, new Sealed(new byte[] {1}, 1), Instant.now());
        db.jdbc.update("UPDATE migration_jobs SET state = ?, destination_credentials = NULL WHERE id = ?", state, id);
        if (state.equals("running")) db.jdbc.update("UPDATE migration_jobs SET destination_credentials = ? WHERE id = ?",
                new byte[] {1}, id);
    }
}

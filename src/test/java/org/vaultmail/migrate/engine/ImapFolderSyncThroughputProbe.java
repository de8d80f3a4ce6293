package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * A quick side-by-side of one folder's cold copy, ImapFolderSync (one connection per side) against mbsync, between
 * mig-a and mig-b on the main shared Dovecot. Off unless {@code -Dvaultmail.engine.probe=N} (N messages); the
 * benchmark proper lives in {@code bench/}.
 */
@Tag("dovecot")
class ImapFolderSyncThroughputProbe {

    @TempDir
    Path dir;

    @Test
    void coldCopyAgainstMbsync() throws Exception {
        int n = Integer.getInteger("vaultmail.engine.probe", 0);
        Assumptions.assumeTrue(n > 0, "set -Dvaultmail.engine.probe=N to run");
        TestMailbox a = new TestMailbox("127.0.0.1", 1143, "mig-a@example.test", "mig-a-pass");
        TestMailbox b = new TestMailbox("127.0.0.1", 1143, "mig-b@example.test", "mig-b-pass");
        String marker = "EngBench" + ThreadLocalRandom.current().nextInt(1000, 10000);
        IMAPStore src = a.connect();
        IMAPStore dst = b.connect();
        try {
            IMAPFolder folder = TestMailbox.create(src, marker);
            TestMailbox.create(dst, marker);
            TestMailbox.create(dst, marker + "m");
            StringBuilder body = new StringBuilder();
            while (body.length() < 12_000) body.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n");
            long seedStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                TestMailbox.append(folder, TestMailbox.message("Message-ID: <bench" + i + "@example.test>",
                        "Subject: bench " + i, "", body.toString()), Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i),
                        i % 3 == 0 ? "\\Seen" : "$Label" + (i % 5));
            }
            System.out.printf("seeded %d messages in %.1f s%n", n, (System.nanoTime() - seedStart) / 1e9);

            ImapFolderSync sync = new ImapFolderSync();
            InMemorySyncState state = new InMemorySyncState();
            FolderPair pair = new FolderPair(marker, marker, null, true, false, true);
            long t0 = System.nanoTime();
            FolderPlan plan = sync.plan(pair, src, dst, MigrationOptions.defaults(), state);
            ChunkResult chunk = sync.copy(plan, plan.toCopy(), src, dst, state, RunControl.UNLIMITED);
            FolderReport report = sync.finish(plan, List.of(chunk), src, dst, MigrationOptions.defaults(), state);
            double engine = (System.nanoTime() - t0) / 1e9;
            assertThat(report.copied()).isEqualTo(n);
            long t1 = System.nanoTime();
            sync.counters().reset();
            FolderPlan again = sync.plan(pair, src, dst, MigrationOptions.defaults(), state);
            sync.finish(again, List.of(), src, dst, MigrationOptions.defaults(), state);
            double rerun = (System.nanoTime() - t1) / 1e9;

            Files.writeString(dir.resolve("a"), "mig-a-pass");
            Files.writeString(dir.resolve("b"), "mig-b-pass");
            Files.createDirectories(dir.resolve("state"));
            Path rc = dir.resolve("mbsyncrc");
            Files.writeString(rc, """
                    IMAPAccount src
                    Host 127.0.0.1
                    Port 1143
                    User mig-a@example.test
                    PassCmd "cat %1$s/a"
                    SSLType None
                    AuthMechs LOGIN

                    IMAPStore src
                    Account src

                    IMAPAccount dst
                    Host 127.0.0.1
                    Port 1143
                    User mig-b@example.test
                    PassCmd "cat %1$s/b"
                    SSLType None
                    AuthMechs LOGIN

                    IMAPStore dst
                    Account dst

                    Channel bench
                    Far :src:%2$s
                    Near :dst:%2$sm
                    Sync Pull
                    Create Near
                    Expunge None
                    CopyArrivalDate yes
                    SyncState %1$s/state/
                    """.formatted(dir, marker));
            long t2 = System.nanoTime();
            Process p = new ProcessBuilder("mbsync", "-c", rc.toString(), "bench").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.MINUTES);
            double mbsync = (System.nanoTime() - t2) / 1e9;
            System.out.printf("ImapFolderSync cold: %d messages in %.2f s = %.0f msg/s (rerun %.3f s, bodies %d); "
                            + "mbsync: %.2f s = %.0f msg/s (exit %d) %s%n", n, engine, n / engine, rerun,
                    sync.counters().bodiesFetched(), mbsync, n / mbsync, p.exitValue(), out.strip());
            assertThat(TestMailbox.read(dst, marker).size()).isEqualTo(n);
        } finally {
            TestMailbox.deleteAll(src, marker);
            TestMailbox.deleteAll(dst, marker);
            src.close();
            dst.close();
        }
    }
}

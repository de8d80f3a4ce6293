package org.vaultmail.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.engine.CopyProgress;
import org.vaultmail.migrate.engine.ImapAccount;
import org.vaultmail.migrate.engine.InMemorySyncState;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.migrate.engine.RunControl;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.verify.MailboxVerifier;
import org.vaultmail.migrate.verify.VerifyOptions;
import org.vaultmail.migrate.verify.VerifyReport;
import org.vaultmail.vault.Secret;

/**
 * The migration benchmark's Java half (issue 14; {@code bench/migrate.sh} runs it): {@code --mode=verify} compares
 * the source and destination accounts with {@link MailboxVerifier} (same folder names on both sides) and prints a
 * {@code VERIFY} line; {@code --mode=engine} runs one pass of Vaultmail's {@link MigrationEngine}, its sync state kept
 * in {@code --state} between a cold run and a rerun, and prints a {@code PASS} line with the heap's peak.
 * Passwords come from files ({@code --source-password-file}, {@code --destination-password-file}).
 */
public final class MigrationBench {

    private MigrationBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String mode = o.string("mode", "verify");
        String host = o.string("host", "127.0.0.1");
        int port = o.integer("port", 1143);
        String source = o.string("source", "mig-bench-src@example.test");
        String destination = o.string("destination", "mig-bench-dst@example.test");
        Path sourcePassword = Path.of(o.string("source-password-file", "/dev/null"));
        Path destinationPassword = Path.of(o.string("destination-password-file", "/dev/null"));
        String ignore = o.string("ignore-flags", "");
        Path state = Path.of(o.string("state", "target/migrate-bench-state.txt"));
        o.checkAllUsed();
        if (mode.equals("verify")) {
            try (IMAPStore src = connect(host, port, source, sourcePassword);
                 IMAPStore dst = connect(host, port, destination, destinationPassword)) {
                verify(src, dst, ignore.isBlank() ? Set.of() : Set.of(ignore.split(",")));
            }
        } else if (mode.equals("engine")) {
            engine(host, port, source, sourcePassword, destination, destinationPassword, state);
        } else {
            throw new IllegalArgumentException("--mode is verify or engine");
        }
    }

    private static void verify(IMAPStore src, IMAPStore dst, Set<String> ignored) throws MessagingException {
        long start = System.nanoTime();
        VerifyReport report = new MailboxVerifier(VerifyOptions.strict().ignoring(ignored)).verify(src, dst, identityPairs(src));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(report.summary());
        long missing = 0, extra = 0, duplicates = 0, flags = 0, dates = 0, rewritten = 0, rewrittenFlags = 0, rewrittenDates = 0;
        long unsubscribed = 0;
        for (VerifyReport.Folder f : report.folders()) {
            missing += f.missing().size();
            extra += f.extra().size();
            duplicates += f.duplicates();
            flags += f.flagDifferences().size();
            dates += f.dateDifferences().size();
            rewritten += f.rewritten().size();
            rewrittenFlags += f.rewritten().stream().filter(VerifyReport.Rewritten::flagsDiffer).count();
            rewrittenDates += f.rewritten().stream().filter(VerifyReport.Rewritten::datesDiffer).count();
            if (f.problems().contains("not subscribed on the destination")) unsubscribed++;
        }
        for (VerifyReport.Folder f : report.folders()) {
            f.flagDifferences().stream().limit(2).forEach(d -> System.out.println("  e.g. " + f.source() + " UID " + d.sourceUid()
                    + " flags " + d.source() + " -> " + d.destination()));
            f.rewritten().stream().filter(VerifyReport.Rewritten::flagsDiffer).limit(1).forEach(r -> System.out.println("  e.g. "
                    + f.source() + " UID " + r.sourceUid() + " headers rewritten, flags " + r.sourceFlags() + " -> " + r.destinationFlags()));
        }
        System.out.printf(Locale.ROOT, "VERIFY %s missing=%d extra=%d duplicates=%d flags=%d dates=%d headers_rewritten=%d"
                        + "(flags_lost_or_changed=%d,dates=%d) unsubscribed_folders=%d source=%d destination=%d seconds=%.1f%n",
                report.clean() ? "clean" : "DIFFERENT", missing, extra, duplicates, flags, dates, rewritten, rewrittenFlags,
                rewrittenDates, unsubscribed, report.sourceCount(), report.destinationCount(), seconds);
    }

    /** Every folder of the source, to the folder of the same name (both accounts are on the same server). */
    static List<FolderPair> identityPairs(IMAPStore store) throws MessagingException {
        List<FolderPair> pairs = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            Set<String> attributes = Set.of(((IMAPFolder) f).getAttributes());
            boolean selectable = !attributes.contains("\\Noselect") && !attributes.contains("\\NonExistent");
            pairs.add(new FolderPair(f.getFullName(), f.getFullName(), null, f.isSubscribed(), false, selectable));
        }
        return pairs;
    }

    private static void engine(String host, int port, String source, Path sourcePassword, String destination,
                               Path destinationPassword, Path statePath) throws Exception {
        MigrationEngine engine = MigrationEngines.create();
        InMemorySyncState state = SyncStateFile.load(statePath);
        long start = System.nanoTime();
        MigrationReport report;
        try (ImapAccount src = account(host, port, source, sourcePassword);
             ImapAccount dst = account(host, port, destination, destinationPassword)) {
            report = engine.run(src, dst, MigrationOptions.defaults(), state, CopyProgress.NONE, RunControl.UNLIMITED);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        SyncStateFile.save(state, report, statePath);
        System.out.printf(Locale.ROOT, "PASS copied=%d present=%d failed=%d bytes=%d seconds=%.2f heap_peak_mb=%.0f%n",
                report.copied(), report.present(), report.failed(), report.bytes(), seconds, heapPeakMb());
    }

    /** The sum of the heap pools' peaks since the JVM started (an upper bound of the live heap's peak). */
    static double heapPeakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
        }
        return peak / 1048576.0;
    }

    private static ImapAccount account(String host, int port, String login, Path passwordFile) throws java.io.IOException {
        MailServers servers = new MailServers("example.test", new MailServers.Endpoint(host, port, Security.PLAIN),
                new MailServers.Endpoint(host, 1025, Security.PLAIN), Optional.empty(), false);
        return new ImapAccount(servers, login, Secret.ofUtf8(Files.readString(passwordFile, StandardCharsets.UTF_8).strip()));
    }

    private static IMAPStore connect(String host, int port, String login, Path passwordFile) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "10000");
        props.setProperty("mail.imap.timeout", "120000");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(host, port, login, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        return store;
    }
}

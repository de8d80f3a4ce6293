package org.vaultmail.migrate.engine;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.mapping.FolderMapper;
import org.vaultmail.migrate.mapping.FolderMapping;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MailboxTree;
import org.vaultmail.migrate.mapping.MailboxTrees;

/**
 * The engine's runner (ADR 0041): maps the folders, creates and subscribes what the destination lacks, then runs the
 * folders and their UID chunks in parallel on a bounded number of connection pairs under the node's
 * {@link HostLimits}, with backoff on throttling and a reconnect-and-resume per dropped connection.
 */
public final class ImapMigrationEngine implements MigrationEngine {

    private final ImapConnector connector;
    private final FolderSync sync;
    private final FolderMapper mapper;
    private final MailboxTreeReader trees;
    private final HostLimits hostLimits;
    private final EngineSettings settings;

    /** Reads the folder trees with the mapping's {@link MailboxTrees#read}. */
    public ImapMigrationEngine(ImapConnector connector, FolderSync sync, FolderMapper mapper, HostLimits hostLimits,
                               EngineSettings settings) {
        this(connector, sync, mapper, MailboxTrees::read, hostLimits, settings);
    }

    public ImapMigrationEngine(ImapConnector connector, FolderSync sync, FolderMapper mapper, MailboxTreeReader trees,
                               HostLimits hostLimits, EngineSettings settings) {
        this.connector = connector;
        this.sync = sync;
        this.mapper = mapper;
        this.trees = trees;
        this.hostLimits = hostLimits;
        this.settings = settings;
    }

    @Override
    public MigrationReport run(ImapAccount source, ImapAccount destination, MigrationOptions options, SyncState state,
                               CopyProgress progress, RunControl control)
            throws MigrationFailure, JobInterrupted, InterruptedException {
        Backoff backoff = Backoff.of(settings);
        Connections connections = new Connections(connector, hostLimits, backoff, settings.connectAttempts(), source,
                destination);
        SyncState effective = options.dryRun() ? new ReadOnlySyncState(state) : state; // a dry run writes nothing
        control.checkpoint();
        Prepared prepared = prepare(connections, options, effective);
        Pass pass = new Pass(prepared.folders(), settings, backoff, connections, options, effective, progress, control,
                hostLimits, source, destination, prepared.notes());
        return MigrationReport.of(pass.run(prepared.pairs(), prepared.settled()));
    }

    /**
     * The folder pairs to run, the report's notes on them by source folder, and for a Gmail-shaped source the copies
     * each folder leaves out (ADR 0046).
     */
    private record Prepared(List<FolderPair> pairs, Map<String, List<FolderNote>> notes, FolderSync folders,
                            Map<FolderPair, Pass.Settled> settled) {
    }

    /**
     * Reads both trees, maps them (a folder an earlier run copied keeps its destination), and (unless a dry run)
     * creates and subscribes; reconnects when dropped.
     */
    private Prepared prepare(Connections connections, MigrationOptions options, SyncState state)
            throws MigrationFailure, InterruptedException {
        for (int reconnects = 0; ; reconnects++) {
            try (ConnectionPair pair = connections.open()) {
                MailboxTree sourceTree = trees.read(pair.source());
                boolean gmailExtension = pair.source().hasCapability("X-GM-EXT-1");
                boolean gmail = GmailLabels.gmailShaped(sourceTree, gmailExtension);
                if (gmail) sourceTree = GmailLabels.annotate(sourceTree); // [Gmail]/Sent Mail is Sent, and so on
                MailboxTree destinationTree = trees.read(pair.destination());
                FolderMapping mapping = mapper.plan(sourceTree, destinationTree, options);
                List<FolderPair> pairs = EarlierMapping.keep(mapping.pairs(), state, destinationTree, options);
                java.util.Map<String, java.util.Set<Long>> excluded = null;
                if (gmail) {
                    java.util.Map<String, GmailLabels.Role> roles = new java.util.HashMap<>();
                    for (MailboxTree.Folder f : sourceTree.folders()) roles.put(f.name(), GmailLabels.role(f));
                    // Starred and Important are views of flags, not labels: never copied
                    pairs = pairs.stream().filter(p -> roles.getOrDefault(p.source(), GmailLabels.Role.LABEL) != GmailLabels.Role.VIEW).toList();
                    excluded = gmailExclusions(pair, pairs, roles, gmailExtension, options);
                }
                if (!options.dryRun()) {
                    DestinationFolders.create(pair.destination(), pairs);
                    DestinationFolders.subscribe(pair.destination(), pairs, destinationTree);
                }
                FolderSync folders = excluded == null ? sync : new LabelFilteredSync(sync, excluded);
                return new Prepared(pairs, MappingNotes.of(mapping.notes(), pairs), folders,
                        settleUnchanged(folders, pair, pairs, options, state));
            } catch (ServerThrottled e) {
                throw new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, true,
                        "the source server asked to slow down while reading its labels");
            } catch (MessagingException e) {
                if (!Failures.dropped(e)) {
                    throw new MigrationFailure(MigrationFailure.Kind.PROTOCOL, false, "a server answered what the "
                            + "engine cannot work with while reading and creating folders (" + e.getClass().getSimpleName() + ")");
                }
                if (reconnects >= settings.maxReconnects()) {
                    throw new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, false,
                            "the connection dropped while reading and creating folders");
                }
            }
        }
    }

    /**
     * A rerun's unchanged folders, settled on the connection pair that read the trees with two STATUS each (the report
     * reuses the destination's answer): a rerun with no change then opens no worker connection at all. A folder that changed, or a
     * server asking to slow down, leaves the rest to the pass (which plans them as usual, with backoff).
     */
    private static Map<FolderPair, Pass.Settled> settleUnchanged(FolderSync folders, ConnectionPair pair,
            List<FolderPair> pairs, MigrationOptions options, SyncState state) throws MessagingException {
        Map<FolderPair, Pass.Settled> settled = new java.util.HashMap<>();
        if (options.dryRun()) return settled;
        try {
            for (FolderPair p : pairs) {
                if (!p.selectable()) continue;
                java.util.Optional<FolderPlan> plan = folders.planIfUnchanged(p, pair.source(), pair.destination(), options, state);
                if (plan.isEmpty()) continue;
                FolderReport report = folders.finish(plan.get(), List.of(), pair.source(), pair.destination(), options, state);
                settled.put(p, new Pass.Settled(plan.get(), report));
            }
        } catch (ServerThrottled e) {
            // the pass plans what is left, backing off as it does for any folder
        }
        return settled;
    }

    /** Every copied source folder's message identities, then what each leaves out ({@link GmailLabels}). */
    private static java.util.Map<String, java.util.Set<Long>> gmailExclusions(ConnectionPair pair, List<FolderPair> pairs,
            java.util.Map<String, GmailLabels.Role> roles, boolean gmailExtension, MigrationOptions options)
            throws MessagingException, ServerThrottled {
        GmailKeys keys = new GmailKeys(new MailboxReads(new SyncCounters()));
        java.util.Map<String, java.util.Map<Long, String>> all = new java.util.HashMap<>();
        for (FolderPair p : pairs) {
            if (!p.selectable()) continue;
            org.eclipse.angus.mail.imap.IMAPFolder folder = (org.eclipse.angus.mail.imap.IMAPFolder) pair.source().getFolder(p.source());
            folder.open(jakarta.mail.Folder.READ_ONLY); // EXAMINE: the source is never written
            try {
                all.put(p.source(), keys.keys(folder, gmailExtension));
            } finally {
                Planner.closeQuietly(folder);
            }
        }
        return GmailLabels.exclusions(all, roles, options.gmailLabels());
    }
}

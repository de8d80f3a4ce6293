package org.vaultmail.migrate.engine;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import org.vaultmail.migrate.FolderNote;
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
        Pass pass = new Pass(sync, settings, backoff, connections, options, effective, progress, control, hostLimits,
                source, destination, prepared.notes());
        return MigrationReport.of(pass.run(prepared.pairs()));
    }

    /** The folder pairs to run and the report's notes on them, by source folder. */
    private record Prepared(List<FolderPair> pairs, Map<String, List<FolderNote>> notes) {
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
                MailboxTree destinationTree = trees.read(pair.destination());
                FolderMapping mapping = mapper.plan(sourceTree, destinationTree, options);
                List<FolderPair> pairs = EarlierMapping.keep(mapping.pairs(), state, destinationTree, options);
                if (!options.dryRun()) {
                    DestinationFolders.create(pair.destination(), pairs);
                    DestinationFolders.subscribe(pair.destination(), pairs);
                }
                return new Prepared(pairs, MappingNotes.of(mapping.notes(), pairs));
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
}

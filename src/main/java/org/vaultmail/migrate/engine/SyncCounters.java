package org.vaultmail.migrate.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What {@link ImapFolderSync} sent and fetched, for tests and benchmarks ("a rerun with no change fetches no body"). */
public final class SyncCounters {

    final AtomicLong bodiesFetched = new AtomicLong();
    final AtomicLong bodyBytes = new AtomicLong();
    final AtomicLong headersFetched = new AtomicLong();
    final AtomicLong metadataFetched = new AtomicLong();
    final AtomicLong appendCommands = new AtomicLong();
    final AtomicLong messagesAppended = new AtomicLong();
    final AtomicLong flagsStored = new AtomicLong();
    final AtomicLong expunged = new AtomicLong();
    final AtomicLong statusCommands = new AtomicLong();

    /** Messages whose full body was fetched (a spooled message counts once). */
    public long bodiesFetched() {
        return bodiesFetched.get();
    }

    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** Messages whose header section was fetched (fingerprints). */
    public long headersFetched() {
        return headersFetched.get();
    }

    /** Messages whose UID/FLAGS/INTERNALDATE/RFC822.SIZE were fetched while planning or syncing flags. */
    public long metadataFetched() {
        return metadataFetched.get();
    }

    /** APPEND commands sent (a MULTIAPPEND is one). */
    public long appendCommands() {
        return appendCommands.get();
    }

    public long messagesAppended() {
        return messagesAppended.get();
    }

    /** Destination messages whose flags a flag sync replaced. */
    public long flagsStored() {
        return flagsStored.get();
    }

    public long expunged() {
        return expunged.get();
    }

    /** STATUS commands sent, either side (round trips that planning and reporting cost without opening a folder). */
    public long statusCommands() {
        return statusCommands.get();
    }

    public void reset() {
        for (AtomicLong c : new AtomicLong[] {bodiesFetched, bodyBytes, headersFetched, metadataFetched,
                appendCommands, messagesAppended, flagsStored, expunged, statusCommands}) {
            c.set(0);
        }
    }

    @Override
    public String toString() {
        return "SyncCounters[bodies=" + bodiesFetched + ", headers=" + headersFetched + ", metadata=" + metadataFetched
                + ", appends=" + appendCommands + ", appended=" + messagesAppended + ", flagsStored=" + flagsStored
                + ", expunged=" + expunged + "]";
    }
}

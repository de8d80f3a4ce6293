package org.vaultmail.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * One folder pair's outcome (the report's {@code folders[]}).
 *
 * @param sourceCount       messages in the source folder (within the job's filters)
 * @param destinationCount  messages in the destination folder at the end
 * @param copied            appended by this job (a dry run: would be appended)
 * @param present           already on the destination (by sync state or fingerprint), not copied again
 * @param failed            skipped after retries (each in the job's errors with its UID and reason)
 * @param flagsNotSettable  messages with a flag or keyword the destination's PERMANENTFLAGS refuses
 * @param removed           deleted from the destination by mirror mode
 * @param ambiguous         fingerprint matches that could not be decided and were reported, not guessed
 * @param notes             what else a person should know: mapping decisions, flags refused by name, skipped deletions
 */
public record FolderReport(String source, String destination, long sourceCount, long destinationCount, long copied,
                           long present, long failed, long flagsNotSettable, long removed, long ambiguous, long bytes,
                           List<FolderNote> notes) {

    public FolderReport {
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public FolderReport(String source, String destination, long sourceCount, long destinationCount, long copied,
                        long present, long failed, long flagsNotSettable, long removed, long ambiguous, long bytes) {
        this(source, destination, sourceCount, destinationCount, copied, present, failed, flagsNotSettable, removed,
                ambiguous, bytes, List.of());
    }

    /** This report with {@code more} notes after its own (a note already there is not repeated). */
    public FolderReport withNotes(List<FolderNote> more) {
        if (more.isEmpty()) return this;
        List<FolderNote> all = new ArrayList<>(notes);
        for (FolderNote n : more) if (!all.contains(n)) all.add(n);
        return new FolderReport(source, destination, sourceCount, destinationCount, copied, present, failed,
                flagsNotSettable, removed, ambiguous, bytes, all);
    }
}

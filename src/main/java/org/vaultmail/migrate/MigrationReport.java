package org.vaultmail.migrate;

import java.util.List;

/** What one pass of the engine did: per folder and in total. */
public record MigrationReport(List<FolderReport> folders, long copied, long present, long failed, long bytes) {

    public MigrationReport {
        folders = List.copyOf(folders);
    }

    public static MigrationReport of(List<FolderReport> folders) {
        return new MigrationReport(folders,
                folders.stream().mapToLong(FolderReport::copied).sum(),
                folders.stream().mapToLong(FolderReport::present).sum(),
                folders.stream().mapToLong(FolderReport::failed).sum(),
                folders.stream().mapToLong(FolderReport::bytes).sum());
    }
}

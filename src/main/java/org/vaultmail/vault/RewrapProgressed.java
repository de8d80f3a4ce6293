package org.vaultmail.vault;

/** One batch of a rewrap is committed: counts so far (rows rewrapped, lost to a concurrent writer, failed). */
public record RewrapProgressed(String column, long rewrapped, long skipped, long failed, long total, double rowsPerSecond) {

    public long done() {
        return rewrapped + skipped + failed;
    }
}

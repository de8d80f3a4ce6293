package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.List;

/** Splits a folder's messages to copy (in UID order) into consecutive UID chunks for parallel copying. */
final class Chunks {

    private Chunks() {
    }

    static List<List<SourceMessage>> split(List<SourceMessage> toCopy, int size) {
        List<List<SourceMessage>> chunks = new ArrayList<>();
        for (int from = 0; from < toCopy.size(); from += size) {
            chunks.add(List.copyOf(toCopy.subList(from, Math.min(toCopy.size(), from + size))));
        }
        return chunks;
    }
}

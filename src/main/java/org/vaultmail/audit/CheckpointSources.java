package org.vaultmail.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.vault.SignedStatement;
import org.vaultmail.vault.Vault;

/**
 * Reads checkpoint files for {@code audit verify} and keeps only what this server signed: a line that
 * does not parse, is signed by a key not derived from this server's root keys, or whose signature does
 * not match is itself a verification failure (someone wrote into the file, or it is another installation's).
 */
final class CheckpointSources {

    /** The checkpoints to compare the database with, or the reason the files cannot be trusted. */
    record Loaded(List<Checkpoint> checkpoints, List<String> notes, ChainVerification.@Nullable Break problem) {
    }

    private final Vault vault;

    CheckpointSources(Vault vault) {
        this.vault = vault;
    }

    /**
     * @param files the files to read
     * @param required whether a missing file is a failure ({@code --checkpoint FILE}) or only a note (the
     *                 server's own file before its first publication)
     */
    Loaded load(List<Path> files, boolean required) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path path : files) {
            CheckpointFile file = new CheckpointFile(path);
            if (!file.exists()) {
                if (required) {
                    return new Loaded(List.of(), notes, new ChainVerification.Break(0, "checkpoint file missing",
                            "a readable checkpoint file", file.path() + " does not exist"));
                }
                notes.add("No published checkpoints yet at " + file.path()
                        + ": only the database's own chain was checked (truncation and rollback cannot be seen without them).");
                continue;
            }
            List<CheckpointFile.Line> lines = file.read();
            if (lines.isEmpty()) notes.add("The checkpoint file " + file.path() + " is empty.");
            for (CheckpointFile.Line line : lines) {
                String where = "checkpoint file " + file.path() + " line " + line.number();
                Checkpoint c = line.checkpoint();
                if (c == null) {
                    return new Loaded(List.of(), notes, new ChainVerification.Break(0, where + " is unreadable",
                            "a checkpoint written by Vaultmail", String.valueOf(line.problem())));
                }
                SignedStatement.Check check = vault.checkStatement(c.publicKey(), c.statement(), c.signature());
                switch (check) {
                    case VALID -> checkpoints.add(c);
                    case INVALID -> {
                        return new Loaded(List.of(), notes, new ChainVerification.Break(c.seq(), where + " has a signature that does not match it (edited or forged)",
                                "a valid signature over sequence " + c.seq(), "an invalid signature"));
                    }
                    case UNKNOWN_KEY -> {
                        return new Loaded(List.of(), notes, new ChainVerification.Break(c.seq(), where + " is signed by a key this server does not hold "
                                + "(another installation's file, a root key removed from the keyset, or forged)",
                                "key " + publicKey(vault.statementPublicKey()), "key " + publicKey(c.publicKey())));
                    }
                }
            }
        }
        return new Loaded(checkpoints, notes, null);
    }

    static String publicKey(byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}

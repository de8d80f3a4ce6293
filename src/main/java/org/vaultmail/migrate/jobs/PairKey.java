package org.vaultmail.migrate.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The sync state's owner: hex SHA-256 of source server, source login, destination server and destination login
 * (lower case, NUL-separated), so a later job for the same two accounts resumes what an earlier one recorded.
 */
final class PairKey {

    private PairKey() {
    }

    static String of(String sourceServer, String sourceLogin, String destinationServer, String destinationLogin) {
        String joined = String.join("\u0000", sourceServer, sourceLogin, destinationServer, destinationLogin)
                .toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

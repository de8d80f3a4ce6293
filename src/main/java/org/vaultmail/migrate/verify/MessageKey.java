package org.vaultmail.migrate.verify;

import java.time.Instant;
import java.util.SortedSet;

/**
 * One message as the verifier compares it: its UID (on its own side), raw SHA-256 (hex), flags and INTERNALDATE; and
 * the SHA-256 of its body alone, to recognise a copy whose headers were changed.
 */
record MessageKey(long uid, String sha256, SortedSet<String> flags, Instant internalDate, String bodySha256) {
}

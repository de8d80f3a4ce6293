package org.vaultmail.vault;

import java.time.Instant;

/** A new data key became primary; the previous one stays for decryption. */
public record DataKeyRotated(long newPrimaryKeyId, long previousPrimaryKeyId, Instant at) {
}

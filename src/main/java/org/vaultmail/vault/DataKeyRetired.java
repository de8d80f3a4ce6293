package org.vaultmail.vault;

import java.time.Instant;

/** A data key was removed from the keyset; nothing sealed under it remained. */
public record DataKeyRetired(long keyId, Instant at) {
}

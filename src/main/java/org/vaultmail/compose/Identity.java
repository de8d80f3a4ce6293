package org.vaultmail.compose;

import org.jspecify.annotations.Nullable;

/** A From address a user may send as, with the display name and the signature they chose for it. */
public record Identity(String address, @Nullable String name, @Nullable String signature) {
}

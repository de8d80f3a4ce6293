/**
 * The vault's key handling on Tink, internal to the module: the root keyset (file, KMS-wrapped file, environment, or
 * generated) that wraps the data keyset stored in {@code vault_keyset} (one row, changed by compare-and-set, re-read
 * by every node when its version changes), HKDF-derived per-purpose AEADs, Ed25519 statement keys, and the platform
 * threads Tink's calls run on when the caller is virtual. Nothing outside {@code vault} may use these types.
 */
@NullMarked
package org.vaultmail.vault.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The only code that touches key bytes (G1, G5, G6; ADR 0001): {@link org.vaultmail.vault.Vault} seals and unseals
 * for one {@link org.vaultmail.vault.Purpose} and one {@link org.vaultmail.vault.SealedLocation} (the associated data),
 * {@link org.vaultmail.vault.Secret} carries plaintext, {@link org.vaultmail.vault.SealedColumn}s declared by features
 * let {@link org.vaultmail.vault.KeyManagement} show status, rotate, rewrap and retire over every column, and
 * statements signed with root-derived keys serve the audit checkpoints. Its events name key ids, never key material.
 * Depends on no other feature; the key classes themselves are in {@code vault.internal}.
 */
@NullMarked
package org.vaultmail.vault;

import org.jspecify.annotations.NullMarked;

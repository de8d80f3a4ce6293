package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Passkey unlocks sealed before the inner layer moved to {@code InnerSeal} still open: the inner value below was made by
 * the old {@link UnlockSeal} (PRF output 40..5f, salt 80..9f, credential {@code cred-fixed-1}, user 42) and pasted here.
 */
class UnlockSealCompatibilityTest {

    private static final String OLD_INNER = "c21efa5a4d38db6ca5bb4478ef93444209772e947daba0eb48624f8f564c2ab50f3422dd15bb26fcc475";
    private static final String PASSWORD = "pw-Old-Frame-2";

    @Test
    void anUnlockSealedByTheOldCodeStillOpens() {
        try (Secret opened = UnlockSeal.openInner("cred-fixed-1", 42L, prf(0x40), salt(), HexFormat.of().parseHex(OLD_INNER))) {
            assertThat(new String(opened.revealBytes(), StandardCharsets.UTF_8)).isEqualTo(PASSWORD);
        }
    }

    @Test
    void throughTheVaultLayerToo() {
        Vault vault = Vault.inMemory();
        byte[] row;
        try (Secret inner = Secret.copyOf(HexFormat.of().parseHex(OLD_INNER))) {
            row = vault.seal(UnlockSeal.COLUMN.purpose(), UnlockSeal.COLUMN.location("cred-fixed-1", 42L), inner).ciphertext();
        }
        try (Secret opened = new UnlockSeal(vault).open("cred-fixed-1", 42L, prf(0x40), salt(), row)) {
            assertThat(new String(opened.revealBytes(), StandardCharsets.UTF_8)).isEqualTo(PASSWORD);
        }
    }

    @Test
    void theOldValueStillNeedsTheRightPrfOutput() {
        assertThatThrownBy(() -> UnlockSeal.openInner("cred-fixed-1", 42L, prf(0x41), salt(), HexFormat.of().parseHex(OLD_INNER)))
                .isInstanceOf(VaultException.class);
    }

    private static Secret prf(int first) {
        byte[] prf = new byte[32];
        for (int i = 0; i < prf.length; i++) prf[i] = (byte) (first + i);
        return Secret.copyOf(prf);
    }

    private static byte[] salt() {
        byte[] salt = new byte[32];
        for (int i = 0; i < salt.length; i++) salt[i] = (byte) (0x80 + i);
        return salt;
    }
}

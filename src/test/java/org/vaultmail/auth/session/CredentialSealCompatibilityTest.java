package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Sessions sealed before {@link InnerSeal} existed still open: the inner layer below was made by the old
 * {@code CredentialSeal} (unseal secret 01..20, session {@code session-fixed-1}, user 42) and pasted here. The outer
 * layer is the vault's, unchanged, so the test wraps the old inner bytes with it again.
 */
class CredentialSealCompatibilityTest {

    private static final String OLD_INNER = "d3d3f82e0abec6fa4deb79a428d08a51051d014dd972497ff6ae326e62a78093c38324be239c3b3045fa59d5b4cb8c5c88a22f33dcc063b36c61f0ed";
    private static final String CREDENTIALS = "user@example.test\0pw-Old-Frame-1";

    private final Vault vault = Vault.inMemory();
    private final CredentialSeal seal = new CredentialSeal(vault);

    @Test
    void aSessionSealedByTheOldCodeStillOpens() {
        try (Secret opened = seal.open("session-fixed-1", 42L, unsealSecret(), storedRow())) {
            assertThat(new String(opened.revealBytes(), StandardCharsets.UTF_8)).isEqualTo(CREDENTIALS);
        }
    }

    @Test
    void theOldValueStillNeedsItsUnsealSecretAndItsRow() {
        byte[] row = storedRow();
        byte[] wrong = unsealSecret();
        wrong[0] ^= 1;
        assertThatThrownBy(() -> seal.open("session-fixed-1", 42L, wrong, row)).isInstanceOf(VaultException.class);
        byte[] inner = HexFormat.of().parseHex(OLD_INNER);
        try (Secret moved = Secret.copyOf(inner)) {
            byte[] elsewhere = vault.seal(Purpose.SESSION, CredentialSeal.COLUMN.location("session-fixed-2", 42L), moved).ciphertext();
            assertThatThrownBy(() -> seal.open("session-fixed-2", 42L, unsealSecret(), elsewhere)).isInstanceOf(VaultException.class);
        }
    }

    @Test
    void whatTheNewCodeSealsOpensAgain() {
        Sealed sealed = seal.seal("session-fixed-3", 7L, unsealSecret(), Secret.ofUtf8(CREDENTIALS));
        try (Secret opened = seal.open("session-fixed-3", 7L, unsealSecret(), sealed.ciphertext())) {
            assertThat(new String(opened.revealBytes(), StandardCharsets.UTF_8)).isEqualTo(CREDENTIALS);
        }
    }

    private byte[] storedRow() {
        try (Secret inner = Secret.copyOf(HexFormat.of().parseHex(OLD_INNER))) {
            return vault.seal(Purpose.SESSION, CredentialSeal.COLUMN.location("session-fixed-1", 42L), inner).ciphertext();
        }
    }

    private static byte[] unsealSecret() {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) secret[i] = (byte) (i + 1);
        return secret;
    }
}

package org.vaultmail.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.google.crypto.tink.KeysetHandle;
import org.junit.jupiter.api.Test;

/** Checkpoint signing keys derived from the root keys (ADR 0028). */
class StatementKeysTest {

    private static final byte[] STATEMENT = "vaultmail/audit/published-checkpoint/v1 42".getBytes(StandardCharsets.US_ASCII);

    @Test
    void nodesWithTheSameRootKeysDeriveTheSameKeyAndCheckEachOthersSignatures() throws Exception {
        KeysetHandle root = Tink.generate();
        StatementKeys nodeA = new StatementKeys(root);
        StatementKeys nodeB = new StatementKeys(root);

        byte[] signature = nodeA.sign(STATEMENT);

        assertThat(nodeB.publicKey()).isEqualTo(nodeA.publicKey());
        assertThat(StatementKeys.valid(nodeB.publicKey(), STATEMENT, signature)).isTrue();
        assertThat(StatementKeys.valid(nodeB.publicKey(), "edited".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(new StatementKeys(Tink.generate()).holds(nodeA.publicKey())).as("another installation").isFalse();
    }

    @Test
    void afterARootRotationTheOldKeyStillChecksWhatItSigned() throws Exception {
        KeysetHandle before = Tink.generate();
        byte[] oldSignature = new StatementKeys(before).sign(STATEMENT);
        byte[] oldPublic = new StatementKeys(before).publicKey();
        KeysetHandle after = KeysetHandle.newBuilder(before)
                .addEntry(KeysetHandle.generateEntryFromParameters(Tink.aes256Gcm()).withRandomId().makePrimary())
                .build();

        StatementKeys rotated = new StatementKeys(after);

        assertThat(rotated.publicKey()).as("new primary signs now").isNotEqualTo(oldPublic);
        assertThat(rotated.holds(oldPublic)).isTrue();
        assertThat(StatementKeys.valid(oldPublic, STATEMENT, oldSignature)).isTrue();
    }
}

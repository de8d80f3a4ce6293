package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaultmail.vault.internal.DataKeys;
import org.vaultmail.vault.internal.EnvironmentKeys;
import org.vaultmail.vault.internal.InMemoryKeysetStore;
import org.vaultmail.vault.internal.RootKeys;

/** Seal and unseal without a database (the in-memory keyset store). */
class VaultTest {

    static final SealedLocation ROW_42 = SealedLocation.of("users", "smtp_password", 42, "alice@example.test");

    final Vault vault = Vault.inMemory();

    static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 64, 4096})
    void sealThenUnsealReturnsThePlaintext(int size) {
        byte[] plain = random(size);
        Sealed sealed = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.copyOf(plain));

        try (Secret opened = vault.unseal(Purpose.CREDENTIALS, ROW_42, sealed.ciphertext())) {
            assertThat(opened.revealBytes()).isEqualTo(plain);
        }
        assertThat(sealed.ciphertext()).hasSize(5 + 12 + size + 16);
        assertThat(sealed.ciphertext()[0]).isEqualTo((byte) 1);
        assertThat(sealed.keyId()).isEqualTo(vault.primaryKeyId());
    }

    @Test
    void sealTwiceGivesDifferentCiphertexts() {
        Sealed a = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("same"));
        Sealed b = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("same"));
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    /** Virtual threads hand the AEAD call to the crypto threads (CryptoThreads): same results, same refusals. */
    @Test
    void sealAndUnsealOnVirtualThreadsWorkAcrossThreadKinds() throws Exception {
        Sealed[] onVirtual = new Sealed[1];
        Thread.ofVirtual().start(() -> onVirtual[0] = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("virtual"))).join();
        assertThat(vault.unseal(Purpose.CREDENTIALS, ROW_42, onVirtual[0].ciphertext()).revealUtf8()).isEqualTo("virtual");
        byte[] onPlatform = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("platform")).ciphertext();
        String[] opened = new String[1];
        Throwable[] refused = new Throwable[1];
        byte[] tampered = onPlatform.clone();
        tampered[tampered.length - 1] ^= 1;
        Thread.ofVirtual().start(() -> {
            opened[0] = vault.unseal(Purpose.CREDENTIALS, ROW_42, onPlatform).revealUtf8();
            try {
                vault.unseal(Purpose.CREDENTIALS, ROW_42, tampered);
            } catch (VaultException e) {
                refused[0] = e;
            }
        }).join();
        assertThat(opened[0]).isEqualTo("platform");
        assertThat(refused[0]).isInstanceOf(VaultException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void unsealWhenAnyBitOfAnyByteFlippedThenRejected() {
        byte[] ct = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.copyOf(random(64))).ciphertext();
        for (int i = 0; i < ct.length; i++) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] tampered = ct.clone();
                tampered[i] ^= (byte) (1 << bit);
                int position = i;
                assertThatThrownBy(() -> vault.unseal(Purpose.CREDENTIALS, ROW_42, tampered))
                        .as("flipped bit %d of byte %d", bit, position)
                        .isInstanceOf(VaultException.class);
            }
        }
    }

    @Test
    void unsealWhenTruncatedOrExtendedThenRejected() {
        byte[] ct = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("pw")).ciphertext();
        assertThatThrownBy(() -> vault.unseal(Purpose.CREDENTIALS, ROW_42, Arrays.copyOf(ct, ct.length - 1)))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.unseal(Purpose.CREDENTIALS, ROW_42, Arrays.copyOf(ct, ct.length + 1)))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.unseal(Purpose.CREDENTIALS, ROW_42, new byte[0]))
                .isInstanceOf(VaultException.class).hasMessageContaining("not a Vaultmail ciphertext");
    }

    @Test
    void unsealWhenCiphertextMovedToAnotherRowColumnTableOrOwnerThenRejected() {
        byte[] ct = vault.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("hunter2")).ciphertext();
        List<SealedLocation> elsewhere = List.of(
                SealedLocation.of("users", "smtp_password", 43, "alice@example.test"),
                SealedLocation.of("users", "imap_password", 42, "alice@example.test"),
                SealedLocation.of("mailboxes", "smtp_password", 42, "alice@example.test"),
                SealedLocation.of("users", "smtp_password", 42, "mallory@example.test"),
                SealedLocation.of("users", "smtp_password", 42, null));
        for (SealedLocation other : elsewhere) {
            assertThatThrownBy(() -> vault.unseal(Purpose.CREDENTIALS, other, ct))
                    .as("moved to %s", other)
                    .isInstanceOf(VaultException.class)
                    .hasMessage("ciphertext for credentials at " + other.describe() + " does not decrypt under key "
                            + vault.primaryKeyId() + " (tampered, moved, or wrong key)");
        }
    }

    @Test
    void associatedDataWhenSeparatorsShiftBetweenComponentsThenDiffers() {
        assertThat(new SealedLocation("a|b", "c", "1", null).associatedData())
                .isNotEqualTo(new SealedLocation("a", "b|c", "1", null).associatedData());
        assertThat(new SealedLocation("t", "c", "1", "").associatedData())
                .isNotEqualTo(new SealedLocation("t", "c", "1", null).associatedData());
        assertThat(new SealedLocation("t", "c", "12", "3").associatedData())
                .isNotEqualTo(new SealedLocation("t", "c", "1", "23").associatedData());
    }

    @Test
    void unsealWithAnotherPurposeThenRejected() {
        for (Purpose sealedAs : Purpose.values()) {
            byte[] ct = vault.seal(sealedAs, ROW_42, Secret.ofUtf8("x")).ciphertext();
            for (Purpose openedAs : Purpose.values()) {
                if (openedAs == sealedAs) {
                    vault.unseal(openedAs, ROW_42, ct).close();
                } else {
                    assertThatThrownBy(() -> vault.unseal(openedAs, ROW_42, ct))
                            .as("%s opened as %s", sealedAs, openedAs).isInstanceOf(VaultException.class);
                }
            }
        }
    }

    @Test
    void afterRotateOldCiphertextsOpenAndNewSealsUseTheNewPrimary() {
        Sealed before = vault.seal(Purpose.SESSION, ROW_42, Secret.ofUtf8("old"));
        vault.dataKeys().rotate();
        Sealed after = vault.seal(Purpose.SESSION, ROW_42, Secret.ofUtf8("new"));

        assertThat(after.keyId()).isNotEqualTo(before.keyId()).isEqualTo(vault.primaryKeyId());
        assertThat(vault.unseal(Purpose.SESSION, ROW_42, before.ciphertext()).revealUtf8()).isEqualTo("old");
        assertThat(vault.unseal(Purpose.SESSION, ROW_42, after.ciphertext()).revealUtf8()).isEqualTo("new");
    }

    @Test
    void unsealWhenKeyIsNotInTheKeysetThenMessageNamesTheKeyId() {
        Vault other = Vault.inMemory();
        Sealed foreign = other.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("x"));

        assertThatThrownBy(() -> vault.unseal(Purpose.CREDENTIALS, ROW_42, foreign.ciphertext()))
                .isInstanceOf(VaultException.class)
                .hasMessage("ciphertext for credentials at users.smtp_password row 42 needs key " + foreign.keyId()
                        + ", which is not in the keyset (retired?)");
    }

    @Test
    void secondNodeOnTheSameStoreLearnsARotationFromAnUnknownKeyId() {
        RootKeys root = new RootKeys(EnvironmentKeys.parse("7:" + Base64.getEncoder().encodeToString(random(32))),
                RootKeySource.ENVIRONMENT, "test");
        InMemoryKeysetStore store = new InMemoryKeysetStore();
        Vault a = new Vault(new DataKeys(store, root));
        Vault b = new Vault(new DataKeys(store, root));
        a.dataKeys().rotate();
        Sealed sealed = a.seal(Purpose.TOTP, ROW_42, Secret.ofUtf8("JBSWY3DPEHPK3PXP"));

        assertThat(b.unseal(Purpose.TOTP, ROW_42, sealed.ciphertext()).revealUtf8()).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(b.primaryKeyId()).isEqualTo(a.primaryKeyId());
    }

    @Test
    void messagesAndToStringsNeverContainKeyBytes() throws Exception {
        byte[] rootKey = random(32);
        RootKeys root = new RootKeys(EnvironmentKeys.parse("7:" + Base64.getEncoder().encodeToString(rootKey)),
                RootKeySource.ENVIRONMENT, "test");
        InMemoryKeysetStore store = new InMemoryKeysetStore();
        Vault v = new Vault(new DataKeys(store, root));
        Sealed sealed = v.seal(Purpose.CREDENTIALS, ROW_42, Secret.ofUtf8("hunter2"));
        List<byte[]> keyBytes = new java.util.ArrayList<>(KeyBytes.dataAndPurposeKeys(store, root));
        keyBytes.add(rootKey);

        StringBuilder printed = new StringBuilder();
        printed.append(v).append(sealed).append(root).append(v.dataKeys().current()).append(store.read().orElseThrow());
        for (var bad : List.of(SealedLocation.of("users", "smtp_password", 43, null), ROW_42)) {
            try {
                byte[] ct = sealed.ciphertext();
                if (bad == ROW_42) ct[ct.length - 1] ^= 1;
                v.unseal(Purpose.CREDENTIALS, bad, ct);
            } catch (VaultException e) {
                printed.append(e.getMessage()).append(e);
            }
        }
        String text = printed.toString();
        assertThat(text).contains("does not decrypt").doesNotContain("hunter2");
        for (byte[] key : keyBytes) {
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(key))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(key).substring(0, 20))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(key).substring(0, 20))
                    .doesNotContain(new String(key, StandardCharsets.ISO_8859_1));
        }
    }
}

package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.vault.internal.RootKeyLoader;
import org.vaultmail.vault.internal.RootKeyLoader.Settings;
import org.vaultmail.vault.internal.RootKeys;
import org.vaultmail.vault.internal.Tink;

class RootKeyLoaderTest {

    @TempDir
    Path dir;

    static String key(int seed) {
        byte[] b = new byte[32];
        new Random(seed).nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    static RootKeys load(Settings settings, Path dir) {
        return RootKeyLoader.load(settings, dir, List.of());
    }

    @Test
    void environmentKeysUseTheGivenIdsAndTheFirstIsPrimary() {
        RootKeys root = load(new Settings(null, null, "2:" + key(2) + ", 1:" + key(1)), dir);

        assertThat(root.keyIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(root.primaryKeyId()).isEqualTo(2);
        assertThat(root.source()).isEqualTo(RootKeySource.ENVIRONMENT);
        assertThat(Files.exists(dir.resolve("keyset.json"))).isFalse();
    }

    @Test
    void environmentKeysWhenMalformedThenMessageNamesTheVariableButNotTheValue() {
        String good = key(1);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (var bad : List.of(
                new String[] {"1:" + good + ",2:not*base64!", "entry 2 (key id 2) is not valid base64"},
                new String[] {"1:" + shortKey, "entry 1 (key id 1) decodes to 16 bytes; AES-256 needs exactly 32"},
                new String[] {"1:" + good + ",1:" + key(3), "entry 2 repeats key id 1"},
                new String[] {good, "entry 1 is not in the form id:base64"},
                new String[] {"0:" + good, "entry 1 has an id outside 1..4294967295"},
                new String[] {"x:" + good, "entry 1 has an id that is not a number"})) {
            assertThatThrownBy(() -> load(new Settings(null, null, bad[0]), dir))
                    .isInstanceOf(VaultException.class)
                    .hasMessageContaining("VAULTMAIL_ENCRYPTION_KEYS")
                    .hasMessageContaining(bad[1])
                    .hasMessageNotContaining(good)
                    .hasMessageNotContaining(shortKey)
                    .hasMessageNotContaining(good.substring(0, 12));
        }
    }

    @Test
    void withoutConfigurationAKeysetIsGeneratedInTheDataDirWithMode0600AndReusedAfterwards() throws Exception {
        RootKeys first = load(new Settings(null, null, null), dir);
        Path file = dir.resolve("keyset.json");

        assertThat(first.source()).isEqualTo(RootKeySource.GENERATED_IN_DATA_DIR);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(load(new Settings(null, null, null), dir).keyIds()).isEqualTo(first.keyIds());
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void cleartextKeysetFileLoads() throws Exception {
        KeysetHandle handle = Tink.generate();
        Path file = dir.resolve("root.json");
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(handle, Tink.configuration(), InsecureSecretKeyAccess.get()));

        RootKeys root = load(new Settings(file.toString(), null, "1:" + key(1)), dir);

        assertThat(root.source()).isEqualTo(RootKeySource.CLEARTEXT_FILE);
        assertThat(root.primaryKeyId()).isEqualTo(Tink.unsigned(handle.getPrimary().getId()));
    }

    @Test
    void keysetFileWhenMissingOrCorruptThenFailsNamingThePropertyAndNoContent() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> load(new Settings(missing.toString(), null, null), dir))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("VAULTMAIL_KEYSET_FILE (vaultmail.vault.keyset-file)")
                .hasMessageContaining(missing.toString());

        Path corrupt = dir.resolve("corrupt.json");
        Files.writeString(corrupt, "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {\"value\": \"c2VjcmV0LWNvbnRlbnQ=\"}}]}");
        assertThatThrownBy(() -> load(new Settings(corrupt.toString(), null, null), dir))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("VAULTMAIL_KEYSET_FILE")
                .hasMessageNotContaining("c2VjcmV0LWNvbnRlbnQ");
    }

    @Test
    void kmsWrappedKeysetFileLoadsWithTheKmsAndFailsClearlyWithoutIt() throws Exception {
        FakeKmsClient kms = new FakeKmsClient();
        KeysetHandle handle = Tink.generate();
        Path file = dir.resolve("root.kms.json");
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle,
                kms.getAead(FakeKmsClient.KEY_URI), new byte[0], Tink.configuration()));
        Settings settings = new Settings(file.toString(), FakeKmsClient.KEY_URI, null);

        RootKeys root = RootKeyLoader.load(settings, dir, List.of(kms));

        assertThat(root.source()).isEqualTo(RootKeySource.KMS_WRAPPED_FILE);
        assertThat(root.primaryKeyId()).isEqualTo(Tink.unsigned(handle.getPrimary().getId()));
        assertThatThrownBy(() -> RootKeyLoader.load(settings, dir, List.of()))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("VAULTMAIL_KMS_KEY_URI")
                .hasMessageContaining("no KMS client supports " + FakeKmsClient.KEY_URI);
        assertThatThrownBy(() -> RootKeyLoader.load(settings, dir, List.of(new FakeKmsClient())))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("does not decrypt with KMS key");
        assertThatThrownBy(() -> load(new Settings(file.toString(), null, null), dir))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("set VAULTMAIL_KMS_KEY_URI");
    }
}

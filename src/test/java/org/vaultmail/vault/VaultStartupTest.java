package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.crypto.tink.KmsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.internal.Tink;

import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/** How the application finds its root keys at start-up (H2). */
class VaultStartupTest {

    static final FakeKmsClient KMS = new FakeKmsClient();

    /** Registers the fake KMS the way an operator's configuration would register a real one. */
    public static class WithFakeKms {
        @Bean
        KmsClient fakeKms() {
            return KMS;
        }
    }

    @TempDir
    Path dir;

    @Test
    void startWithKmsWrappedKeysetFileUsesTheKmsClientBean() throws Exception {
        Path file = dir.resolve("root.json");
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(Tink.generate(),
                KMS.getAead(FakeKmsClient.KEY_URI), new byte[0], Tink.configuration()));
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir.resolve("data"));
             var node = VaultmailNode.start(db, List.of("--vaultmail.vault.keyset-file=" + file,
                     "--vaultmail.vault.kms-key-uri=" + FakeKmsClient.KEY_URI), WithFakeKms.class)) {
            assertThat(node.getBean(KeyManagement.class).status().rootSource()).isEqualTo(RootKeySource.KMS_WRAPPED_FILE);
            assertThat(Files.exists(dir.resolve("data").resolve("keyset.json"))).isFalse();
        }
    }

    @Test
    void startWithMissingKeysetFileFailsNamingThePropertyInsteadOfGeneratingOne() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir.resolve("data"))) {
            assertThatThrownBy(() -> VaultmailNode.start(db, List.of("--vaultmail.vault.keyset-file=" + dir.resolve("gone.json"))))
                    .satisfies(e -> assertThat(CommandLineInterface.describe(e))
                            .contains("VAULTMAIL_KEYSET_FILE (vaultmail.vault.keyset-file): cannot read " + dir.resolve("gone.json")));
            assertThat(Files.exists(dir.resolve("data").resolve("keyset.json"))).isFalse();
        }
    }

    @Test
    void startWithDataKeysetWrappedByAnUnknownRootKeyFailsNamingTheKeyIds() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir.resolve("data"))) {
            VaultmailNode.start(db, List.of("--vaultmail.vault.encryption-keys=1:" + RootKeyLoaderTest.key(1))).close();

            assertThatThrownBy(() -> VaultmailNode.start(db, List.of("--vaultmail.vault.encryption-keys=2:" + RootKeyLoaderTest.key(2))))
                    .satisfies(e -> assertThat(CommandLineInterface.describe(e))
                            .contains("the data keyset in vault_keyset is wrapped by root key 1, which is not in the root keyset [2]")
                            .doesNotContain(RootKeyLoaderTest.key(1)).doesNotContain(RootKeyLoaderTest.key(2)));
        }
    }

    @Test
    void withSchedulingEnabledANodePicksUpAnotherNodesRotationByPolling() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir);
             var a = VaultmailNode.start(db);
             var b = VaultmailNode.start(db, List.of("--vaultmail.scheduling.enabled=true", "--vaultmail.vault.refresh-interval-ms=50"))) {
            long rotated = a.getBean(KeyManagement.class).rotate().newPrimaryKeyId();
            Await.until("node b to seal under the rotated primary key " + rotated, java.time.Duration.ofSeconds(20),
                    () -> b.getBean(Vault.class).primaryKeyId(), id -> id == rotated);
        }
    }
}

package org.vaultmail.vault.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.vault.RootKeySource;
import org.vaultmail.vault.VaultException;

/**
 * Finds the root keyset: a keyset file (optionally KMS-wrapped), else keys in the environment,
 * else a keyset generated under the data directory (with a loud warning).
 */
public final class RootKeyLoader {

    public static final String KEYSET_FILE = "VAULTMAIL_KEYSET_FILE (vaultmail.vault.keyset-file)";
    public static final String KMS_KEY_URI = "VAULTMAIL_KMS_KEY_URI (vaultmail.vault.kms-key-uri)";
    public static final String GENERATED_NAME = "keyset.json";

    private static final Logger log = LoggerFactory.getLogger(RootKeyLoader.class);
    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    /** The settings, as configured; blank means unset. */
    public record Settings(@Nullable String keysetFile, @Nullable String kmsKeyUri, @Nullable String encryptionKeys) {
        @Override
        public String toString() {
            return "Settings[keysetFile=" + keysetFile + ", kmsKeyUri=" + kmsKeyUri + ", encryptionKeys="
                    + (isSet(encryptionKeys) ? "[PROTECTED]" : "unset") + "]";
        }
    }

    private RootKeyLoader() {
    }

    public static RootKeys load(Settings settings, Path dataDir, List<KmsClient> kmsClients) {
        if (isSet(settings.keysetFile())) {
            return fromFile(Path.of(settings.keysetFile().strip()), settings.kmsKeyUri(), kmsClients);
        }
        if (isSet(settings.kmsKeyUri())) {
            throw new VaultException(KMS_KEY_URI + " is set but " + KEYSET_FILE + " is not: the KMS key wraps a keyset file");
        }
        if (isSet(settings.encryptionKeys())) {
            return new RootKeys(EnvironmentKeys.parse(settings.encryptionKeys()), RootKeySource.ENVIRONMENT,
                    "environment variable VAULTMAIL_ENCRYPTION_KEYS");
        }
        return generated(dataDir.resolve(GENERATED_NAME));
    }

    static RootKeys fromFile(Path file, @Nullable String kmsKeyUri, List<KmsClient> kmsClients) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VaultException(KEYSET_FILE + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!isSet(kmsKeyUri)) {
            return new RootKeys(parseCleartext(json, KEYSET_FILE + " " + file), RootKeySource.CLEARTEXT_FILE, "keyset file " + file);
        }
        String uri = kmsKeyUri.strip();
        KmsClient client = kmsClients.stream().filter(c -> c.doesSupport(uri)).findFirst()
                .orElseThrow(() -> new VaultException(KMS_KEY_URI + ": no KMS client supports " + uri
                        + " (configure a KmsClient bean for it)"));
        try {
            Aead kms = client.getAead(uri);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kms, NO_ASSOCIATED_DATA, Tink.configuration());
            return new RootKeys(handle, RootKeySource.KMS_WRAPPED_FILE, "keyset file " + file + " wrapped by " + uri);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof VaultException v) throw v;
            throw new VaultException(KEYSET_FILE + ": " + file + " does not decrypt with KMS key " + uri
                    + " (wrong key, or not a KMS-wrapped Tink JSON keyset)");
        }
    }

    private static KeysetHandle parseCleartext(String json, String what) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, Tink.configuration(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new VaultException(what + " is not a cleartext Tink JSON keyset"
                    + " (if it is KMS-wrapped, set " + KMS_KEY_URI + ")");
        }
    }

    /** Loads {@code file}, or creates it (mode 0600 from the start, never replacing one that appeared meanwhile). */
    static RootKeys generated(Path file) {
        String description = "generated file " + file;
        Optional<KeysetHandle> existing = readIfExists(file);
        if (existing.isPresent()) {
            warn(file);
            return new RootKeys(existing.get(), RootKeySource.GENERATED_IN_DATA_DIR, description);
        }
        try {
            KeysetHandle handle = Tink.generate();
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, Tink.configuration(), InsecureSecretKeyAccess.get());
            Path temp = Files.createTempFile(file.getParent(), ".keyset-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, json, StandardCharsets.UTF_8);
                Files.createLink(file, temp); // atomic, and fails rather than replace a concurrent node's file
                log.warn("Generated a new root keyset at {}", file);
            } catch (FileAlreadyExistsException raced) {
                handle = readIfExists(file).orElseThrow();
            } finally {
                Files.deleteIfExists(temp);
            }
            warn(file);
            return new RootKeys(handle, RootKeySource.GENERATED_IN_DATA_DIR, description);
        } catch (IOException | GeneralSecurityException e) {
            throw new VaultException("cannot create root keyset " + file + " (" + e.getClass().getSimpleName()
                    + "); set " + KEYSET_FILE + " instead");
        }
    }

    private static Optional<KeysetHandle> readIfExists(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(parseCleartext(Files.readString(file, StandardCharsets.UTF_8), "generated keyset " + file));
        } catch (IOException e) {
            throw new VaultException("cannot read generated keyset " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void warn(Path file) {
        log.warn("""

                ************************************************************************************
                  The root encryption keyset is {} , BESIDE THE DATA it protects.
                  Anyone with a copy of the data directory can decrypt every stored credential.
                  For production set VAULTMAIL_KEYSET_FILE (ideally KMS-wrapped) outside the data
                  directory and its backups. See docs/runbooks/key-rotation.md.
                ************************************************************************************""", file);
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}

package org.vaultmail.oauth.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.vaultmail.vault.Secret;

/**
 * The providers' client secrets, read once from the files the operator named ({@code client-secret-file}); never from
 * the configuration itself. An unreadable or empty file stops the start with a message naming the file, not its content.
 */
public final class ClientSecrets {

    private final Map<String, Secret> byProvider;

    private ClientSecrets(Map<String, Secret> byProvider) {
        this.byProvider = byProvider;
    }

    /** Reads the secret file of every configured provider. */
    public static ClientSecrets read(ConfiguredProviders providers) {
        return read(providers.secretFiles());
    }

    static ClientSecrets read(Map<String, Path> files) {
        Map<String, Secret> secrets = new HashMap<>();
        files.forEach((id, file) -> secrets.put(id, readOne(id, file)));
        return new ClientSecrets(Map.copyOf(secrets));
    }

    /** For tests and the CLI: secrets given directly. */
    public static ClientSecrets of(Map<String, Secret> secrets) {
        return new ClientSecrets(Map.copyOf(secrets));
    }

    /** The secret of a provider (the same instance each time: do not close it). */
    public Secret of(String providerId) {
        Secret s = byProvider.get(providerId);
        if (s == null) throw new IllegalArgumentException("no client secret for OAuth provider " + providerId);
        return s;
    }

    private static Secret readOne(String id, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("vaultmail.oauth.providers." + id + ".client-secret-file: cannot read "
                    + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) end--;
            if (end == 0) {
                throw new IllegalStateException("vaultmail.oauth.providers." + id + ".client-secret-file: " + file + " is empty");
            }
            byte[] trimmed = Arrays.copyOf(bytes, end);
            try {
                return Secret.copyOf(trimmed);
            } finally {
                Arrays.fill(trimmed, (byte) 0);
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ClientSecrets" + byProvider.keySet() + "=[PROTECTED]";
    }
}

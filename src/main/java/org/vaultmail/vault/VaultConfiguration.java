package org.vaultmail.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.google.crypto.tink.KmsClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.vault.internal.DataKeys;
import org.vaultmail.vault.internal.JdbcKeysetStore;
import org.vaultmail.vault.internal.RootKeyLoader;
import org.vaultmail.vault.internal.RootKeys;

/**
 * Wires the vault: root keys from {@code vaultmail.vault.*} (or the {@code VAULTMAIL_KEYSET_FILE},
 * {@code VAULTMAIL_KMS_KEY_URI}, {@code VAULTMAIL_ENCRYPTION_KEYS} variables), the data keyset in
 * {@code vault_keyset}, and a poll that picks up other nodes' key changes.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    @Bean
    RootKeys vaultRootKeys(Environment env, ObjectProvider<KmsClient> kmsClients) throws IOException {
        // Read the property rather than use the root package's DataDirectory: root -> admin -> vault
        // already exists (Launcher), so vault -> root would be a module cycle.
        Path dataDir = Path.of(env.getProperty("vaultmail.data-dir", "./data")).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        var settings = new RootKeyLoader.Settings(
                setting(env, "vaultmail.vault.keyset-file", "VAULTMAIL_KEYSET_FILE"),
                setting(env, "vaultmail.vault.kms-key-uri", "VAULTMAIL_KMS_KEY_URI"),
                setting(env, "vaultmail.vault.encryption-keys", "VAULTMAIL_ENCRYPTION_KEYS"));
        return RootKeyLoader.load(settings, dataDir, kmsClients.orderedStream().toList());
    }

    @Bean
    @DependsOnDatabaseInitialization
    DataKeys vaultDataKeys(JdbcClient jdbc, RootKeys root, ObjectProvider<Clock> clock) {
        return new DataKeys(new JdbcKeysetStore(jdbc, clock.getIfAvailable(Clock::systemUTC)), root);
    }

    @Bean
    Vault vault(DataKeys keys) {
        return new Vault(keys);
    }

    @Bean
    KeyManagement keyManagement(Vault vault, ObjectProvider<SealedColumn> columns, JdbcTemplate jdbc, TransactionTemplate tx,
                                ApplicationEventPublisher events, ObjectProvider<Clock> clock, Environment env) {
        // Default: three keyset polls, so every healthy node has seen a rotation before its old key can go.
        long pollMs = env.getProperty("vaultmail.vault.refresh-interval-ms", Long.class, 5000L);
        Duration settle = Duration.ofMillis(env.getProperty("vaultmail.vault.retire-settle-ms", Long.class, 3 * pollMs));
        return new KeyManagement(vault, columns.orderedStream().toList(), jdbc, tx, events,
                clock.getIfAvailable(Clock::systemUTC), settle);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    KeysetPoll vaultKeysetPoll(DataKeys keys) {
        return new KeysetPoll(keys);
    }

    /** Re-reads the data keyset when another node changed it (rotate, retire, root rewrap). */
    static final class KeysetPoll {
        private final DataKeys keys;

        KeysetPoll(DataKeys keys) {
            this.keys = keys;
        }

        @Scheduled(fixedDelayString = "${vaultmail.vault.refresh-interval-ms:5000}", initialDelayString = "${vaultmail.vault.refresh-interval-ms:5000}")
        void poll() {
            keys.refreshIfChanged();
        }
    }

    private static String setting(Environment env, String property, String variable) {
        String value = env.getProperty(property);
        return value != null && !value.isBlank() ? value : env.getProperty(variable);
    }
}

package org.vaultmail.migrate.jobs;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.engine.EngineSettings;
import org.vaultmail.migrate.engine.FolderSyncSettings;
import org.vaultmail.migrate.engine.HostLimits;
import org.vaultmail.migrate.engine.ImapConnector;
import org.vaultmail.migrate.engine.ImapFolderSync;
import org.vaultmail.migrate.engine.ImapMigrationEngine;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.migrate.mapping.MailboxTrees;
import org.vaultmail.migrate.mapping.StandardFolderMapper;

/**
 * The production engine (ADR 0041): connections through {@link MailLogins} (the configured TLS rules and trust
 * stores), {@link ImapFolderSync} spooling big messages under the data directory, the standard folder mapper, and one
 * {@link HostLimits} for the whole node, shared by every job it runs.
 */
@Configuration(proxyBeanMethods = false)
class MigrationEngineConfiguration {

    /** A worker opens folder after folder on one store: pooled, each reopen needs no new login (fewer logins on the server). */
    private static final int CONNECTION_POOL = 4;

    @Bean
    HostLimits migrationHostLimits() {
        EngineSettings defaults = EngineSettings.defaults();
        return new HostLimits(new HostLimits.Limit(defaults.connectionsPerHost(), 0, 0), Map.of());
    }

    @Bean
    MigrationEngine migrationEngine(MailLogins logins, HostLimits hostLimits, MigrateProperties properties,
                                    @Value("${vaultmail.data-dir:./data}") String dataDir) {
        ImapConnector connector = account -> (IMAPStore) logins.openImap(account.servers(), account.username(), account.password(),
                CONNECTION_POOL);
        FolderSyncSettings d = FolderSyncSettings.defaults();
        FolderSyncSettings settings = new FolderSyncSettings(properties.spool(Path.of(dataDir)), d.batchMessages(),
                d.batchBytes(), d.streamingThreshold(), d.chunkBytes(), d.retries());
        return new ImapMigrationEngine(connector, new ImapFolderSync(settings), new StandardFolderMapper(),
                MailboxTrees::read, hostLimits, EngineSettings.defaults());
    }
}

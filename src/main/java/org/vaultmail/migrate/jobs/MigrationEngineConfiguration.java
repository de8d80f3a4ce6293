package org.vaultmail.migrate.jobs;

import java.nio.file.Path;

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
import org.vaultmail.migrate.engine.TokenImapConnector;
import org.vaultmail.migrate.mapping.StandardFolderMapper;

/**
 * The real engine (ADR 0041) as this node's {@link MigrationEngine}: connections through {@link MailLogins} (the
 * domains' TLS rules and trust stores), one {@link HostLimits} for every job on the node, big messages spooled under
 * {@code vaultmail.migrate.spool-dir} (default {@code <data-dir>/migrate-spool}).
 */
@Configuration(proxyBeanMethods = false)
class MigrationEngineConfiguration {

    /** A worker opens folder after folder on one store: pooled, a reopened folder needs no new login. */
    private static final int CONNECTION_POOL = 4;

    @Bean
    HostLimits migrationHostLimits() {
        return HostLimits.of(EngineSettings.defaults());
    }

    @Bean
    MigrationEngine migrationEngine(MailLogins logins, HostLimits hostLimits, MigrateProperties properties,
                                    @Value("${vaultmail.data-dir:./data}") String dataDir) {
        EngineSettings settings = EngineSettings.defaults();
        FolderSyncSettings defaults = FolderSyncSettings.defaults();
        Path spool = properties.spool(Path.of(dataDir).toAbsolutePath());
        FolderSyncSettings sync = new FolderSyncSettings(spool, properties.batchMessages(), defaults.batchBytes(),
                defaults.streamingThreshold(), defaults.chunkBytes(), defaults.retries());
        ImapConnector passwords = account -> (IMAPStore) logins.openImap(account.servers(), account.username(),
                account.password(), CONNECTION_POOL);
        // OAuth sources (ADR 0046): SASL XOAUTH2 with a fresh token per connect, one refresh when refused
        ImapConnector connector = new TokenImapConnector(passwords, (servers, username, token) ->
                (IMAPStore) logins.openImapWithToken(servers, username, token, CONNECTION_POOL));
        return new ImapMigrationEngine(connector, new ImapFolderSync(sync), new StandardFolderMapper(), hostLimits, settings);
    }
}

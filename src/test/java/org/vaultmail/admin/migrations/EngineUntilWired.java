package org.vaultmail.admin.migrations;

import java.util.Map;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.engine.EngineSettings;
import org.vaultmail.migrate.engine.HostLimits;
import org.vaultmail.migrate.engine.ImapFolderSync;
import org.vaultmail.migrate.engine.ImapMigrationEngine;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.migrate.mapping.StandardFolderMapper;

/**
 * The real engine over the production connector ({@link MailLogins#openImap}), for a context that has no
 * {@link MigrationEngine} bean yet (the merge wires the production one; then this steps aside). Not a
 * {@code @Configuration}, so component scanning leaves it alone: tests name it as a source.
 */
public class EngineUntilWired {

    @Bean
    @ConditionalOnMissingBean(MigrationEngine.class)
    MigrationEngine migrationEngineForCliTests(MailLogins logins) {
        return new ImapMigrationEngine(account -> (IMAPStore) logins.openImap(account.servers(), account.username(), account.password()),
                new ImapFolderSync(), new StandardFolderMapper(), new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()),
                EngineSettings.defaults());
    }
}

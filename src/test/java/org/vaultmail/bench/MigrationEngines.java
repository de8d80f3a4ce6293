package org.vaultmail.bench;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.engine.EngineSettings;
import org.vaultmail.migrate.engine.HostLimits;
import org.vaultmail.migrate.engine.ImapAccount;
import org.vaultmail.migrate.engine.ImapFolderSync;
import org.vaultmail.migrate.engine.ImapMigrationEngine;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.migrate.mapping.StandardFolderMapper;

/** The engine the benchmark runs: Vaultmail's own, with its default settings, over plain IMAP on loopback. */
final class MigrationEngines {

    private MigrationEngines() {
    }

    static MigrationEngine create() {
        EngineSettings settings = EngineSettings.defaults();
        return new ImapMigrationEngine(MigrationEngines::connect, new ImapFolderSync(), new StandardFolderMapper(),
                HostLimits.of(settings), settings);
    }

    private static IMAPStore connect(ImapAccount account) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "10000");
        props.setProperty("mail.imap.timeout", "120000");
        props.setProperty("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(account.servers().imap().host(), account.servers().imap().port(), account.username(),
                account.password().revealUtf8());
        return store;
    }
}

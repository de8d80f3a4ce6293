package org.vaultmail.mail;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.vaultmail.mail.internal.AngusFolderWatcher;

/** The watcher contract with IDLE turned off ({@code use-idle: false}): polling with NOOP and STATUS. */
class GreenMailPollingFolderWatcherTest extends GreenMailFolderWatcherTest {

    static AngusFolderWatcher polling;

    @BeforeAll
    static void startPolling() {
        polling = watcher(settings(false, 500));
    }

    @AfterAll
    static void stopPolling() throws MessagingException {
        if (polling != null) polling.close();
    }

    @Override
    public FolderWatcher watcher() {
        return polling;
    }
}

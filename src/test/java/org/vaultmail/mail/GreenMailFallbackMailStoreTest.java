package org.vaultmail.mail;

import java.time.Duration;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.BeforeAll;
import org.vaultmail.mail.internal.AngusMailStoreFactory;

/**
 * The same contract with the adapter told GreenMail has no SORT (the in-memory sort must agree) and no MOVE (moves
 * by UID COPY, \Deleted and UID EXPUNGE).
 */
class GreenMailFallbackMailStoreTest extends GreenMailMailStoreTest {

    @BeforeAll
    static void withoutSort() throws MessagingException {
        store.close();
        store = open(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30)).withoutCapabilities("SORT", "MOVE"));
    }
}

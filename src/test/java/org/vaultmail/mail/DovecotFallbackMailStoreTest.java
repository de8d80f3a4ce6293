package org.vaultmail.mail;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.vaultmail.mail.internal.AngusMailStoreFactory;

/**
 * The contract on Dovecot with the adapter told SORT, SPECIAL-USE, PREVIEW and LIST-STATUS are missing: in-memory sort,
 * roles by name, previews from partial body fetches, folder counts by a STATUS per folder; and MOVE and UIDPLUS
 * missing: moves by COPY and an EXPUNGE that spares other messages marked \Deleted, no new UIDs reported.
 */
@Tag("dovecot")
class DovecotFallbackMailStoreTest extends DovecotMailStoreTest {

    @Override
    public boolean serverMakesPreviews() {
        return false;
    }

    @Override
    public boolean storeReportsNewUids() {
        return false;
    }

    @BeforeAll
    static void withoutSortAndSpecialUse() {
        store.close();
        store = open(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30)).withoutCapabilities("SORT", "SPECIAL-USE", "PREVIEW",
                "LIST-STATUS", "MOVE", "UIDPLUS"));
    }
}

package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.ImapTranscript;

/**
 * The contract on Dovecot (plain IMAP on loopback, through a transcript that strips capabilities) seeming to lack SORT, SPECIAL-USE, PREVIEW and LIST-STATUS are missing: in-memory sort,
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

    static ImapTranscript withoutExtensions;

    @BeforeAll
    static void withoutSortAndSpecialUse() throws IOException {
        store.close();
        withoutExtensions = new ImapTranscript(DovecotFixture.HOST, DovecotFixture.IMAP_PORT,
                Set.of("SORT", "SPECIAL-USE", "PREVIEW", "LIST-STATUS", "MOVE", "UIDPLUS"));
        store = open(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new MailServers.Endpoint(DovecotFixture.HOST, withoutExtensions.port(), Security.PLAIN));
    }

    @AfterAll
    static void closeTranscript() {
        if (withoutExtensions != null) withoutExtensions.close();
    }

    @Test
    void noneOfTheHiddenExtensionsIsUsed() {
        store.list(FolderPath.inbox('/'), 0, 10, Sort.SUBJECT, false);
        store.folders();
        assertThat(withoutExtensions.commands("SORT")).as("in-memory sort").isZero();
        assertThat(withoutExtensions.text()).as("LIST, LSUB and a STATUS per folder").doesNotContain("RETURN (SUBSCRIBED STATUS")
                .doesNotContainPattern("(?m)^[A-Z]+\\d+ UID MOVE ");
    }
}

package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;

/** The Dovecot fixture works: IMAPS with the test certificate, and alice's seeded folders. */
@Tag("dovecot")
class DovecotImapsSmokeTest {

    @Test
    void aliceLogsInOverImapsTrustingTheTestCertificateAndListsHerFolders() throws MessagingException {
        DovecotFixture dovecot = DovecotFixture.get();
        try (Store store = dovecot.imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            List<String> names = new ArrayList<>();
            for (Folder folder : store.getDefaultFolder().list("*")) names.add(folder.getFullName());
            assertThat(names).contains("INBOX", "Sent", "Drafts", "Trash", "Archive/2024", "Lists/apollo-dev", "Work/Projects");
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(2000);
        }
    }

    @Test
    void domainPropertiesPointAtImapsWithAReadableTrustStore() {
        DovecotFixture dovecot = DovecotFixture.get();
        MailDomainsProperties domains = new Binder(new MapConfigurationPropertySource(dovecot.domainProperties(0)))
                .bind("vaultmail", MailDomainsProperties.class).get();
        MailServers servers = new MailServerDirectory(domains).forAddress(DovecotFixture.ALICE).orElseThrow();
        assertThat(servers.imap().port()).isEqualTo(DovecotFixture.IMAPS_PORT);
        assertThat(servers.imap().security()).isEqualTo(MailDomainsProperties.Security.TLS);
        assertThat(servers.trustStore()).contains(dovecot.trustStore());
    }

    @Test
    void aClientThatDoesNotTrustTheTestCertificateRefusesTheConnection() {
        DovecotFixture.get();
        Properties props = new Properties();
        props.setProperty("mail.imaps.connectiontimeout", "5000");
        assertThatThrownBy(() -> {
            try (Store store = Session.getInstance(props).getStore("imaps")) {
                store.connect(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
            }
        }).isInstanceOf(MessagingException.class).hasStackTraceContaining("PKIX");
    }
}

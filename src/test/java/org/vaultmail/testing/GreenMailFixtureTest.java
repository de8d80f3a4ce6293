package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.demo.DemoMessages;

class GreenMailFixtureTest {

    @AutoClose
    static final GreenMailFixture mail = GreenMailFixture.start();

    @Test
    void seedCreatesNestedFoldersAndFillsThem() throws MessagingException {
        mail.createUser("carol@fixture.test", "carol-pw");
        mail.seed("carol@fixture.test", "Clients/ACME", 7);
        mail.seed("carol@fixture.test", "INBOX", 3);
        try (Store store = mail.imap("carol@fixture.test", "carol-pw")) {
            char separator = store.getDefaultFolder().getSeparator();
            assertThat(store.getFolder("Clients" + separator + "ACME").getMessageCount()).isEqualTo(7);
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(3);
        }
    }

    @Test
    void deliverReachesEveryKnownRecipient() throws MessagingException {
        mail.createUser("dave@fixture.test", "dave-pw");
        mail.createUser("erin@fixture.test", "erin-pw");
        MimeMessage message = DemoMessages.plain("Zoë <zoe@elsewhere.test>", "dave@fixture.test, erin@fixture.test, x@nowhere.test",
                "Grüße", "Hallo!", Instant.parse("2026-01-02T03:04:05Z"));
        mail.deliver(message);
        for (String user : new String[] {"dave@fixture.test", "erin@fixture.test"}) {
            try (Store store = mail.imap(user, user.substring(0, user.indexOf('@')) + "-pw")) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessages()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("Grüße"));
            }
        }
    }

    @Test
    void domainPropertiesPassTheOperatorValidationAsPlainLoopback() {
        Map<String, String> props = mail.domainProperties(0, "fixture.test");
        MailDomainsProperties domains = new Binder(new MapConfigurationPropertySource(props))
                .bind("vaultmail", MailDomainsProperties.class).get();
        MailServers servers = new MailServerDirectory(domains).forAddress("anyone@fixture.test").orElseThrow();
        assertThat(servers.imap().port()).isEqualTo(mail.imapPort());
        assertThat(servers.smtp().port()).isEqualTo(mail.smtpPort());
        assertThat(servers.imap().security()).isEqualTo(Security.PLAIN);
    }
}

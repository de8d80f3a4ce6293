package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.Sort;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.ImapTranscript;
import org.vaultmail.vault.Secret;

/** What previews cost on a 50-message page: Dovecot's PREVIEW, the fallback (partial FETCH per text section), none. */
@Tag("dovecot")
class DovecotPreviewCostTest {

    static final String FOLDER = "PreviewCost-" + UUID.randomUUID().toString().substring(0, 8);
    static Store seeder;

    @BeforeAll
    static void seed() throws MessagingException {
        seeder = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
        Folder folder = seeder.getFolder(FOLDER);
        folder.create(Folder.HOLDS_MESSAGES);
        Session session = Session.getInstance(new Properties());
        Message[] messages = new Message[50];
        for (int i = 0; i < 50; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom("sender" + i + "@example.test");
            m.setSubject("Message " + i);
            String text = ("Paragraph " + i + " with some ordinary text, käse and naïve accents. ").repeat(40);
            if (i % 2 == 0) {
                m.setText(text, "UTF-8");
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setText("<p>" + text + "</p>", "UTF-8", "html");
                alternative.addBodyPart(plain);
                alternative.addBodyPart(html);
                m.setContent(alternative);
            }
            m.saveChanges();
            messages[i] = m;
        }
        folder.appendMessages(messages);
    }

    @AfterAll
    static void cleanUp() throws MessagingException {
        try {
            seeder.getFolder(FOLDER).delete(true);
        } finally {
            seeder.close();
        }
    }

    static MailStore open(AngusMailStoreFactory factory) {
        return open(factory, new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, Security.TLS));
    }

    static MailStore open(AngusMailStoreFactory factory, MailServers.Endpoint imap) {
        MailServers servers = new MailServers("example.test", imap,
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN),
                Optional.of(DovecotFixture.CERTIFICATE));
        try (Secret password = Secret.ofUtf8(DovecotFixture.ALICE_PASSWORD)) {
            return factory.open(servers, DovecotFixture.ALICE, password);
        }
    }

    /** Median milliseconds of listing the page again (folder selected: NOOP, FETCH, and the preview FETCHes). */
    static double medianMillis(MailStore store, FolderPath path) {
        for (int i = 0; i < 20; i++) store.list(path, 0, 50, Sort.DATE, true);
        long[] nanos = new long[60];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            store.list(path, 0, 50, Sort.DATE, true);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }

    @Test
    void previewsOfAFiftyMessagePage() throws java.io.IOException {
        FolderPath path = FolderPath.of(FOLDER, '/');
        AngusMailStoreFactory factory = new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30));
        // the partial-fetch fallback: plain IMAP on loopback through a transcript that hides Dovecot's PREVIEW
        try (ImapTranscript withoutPreview = new ImapTranscript(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, java.util.Set.of("PREVIEW"));
             MailStore server = open(factory);
             MailStore partial = open(factory, new MailServers.Endpoint(DovecotFixture.HOST, withoutPreview.port(), Security.PLAIN));
             MailStore without = open(factory.withoutPreviews())) {
            for (MailStore with : new MailStore[] {server, partial}) {
                MessagePage page = with.list(path, 0, 50, Sort.DATE, true);
                assertThat(page.messages()).hasSize(50).allSatisfy(m -> assertThat(m.preview()).startsWith("Paragraph "));
            }
            assertThat(without.list(path, 0, 50, Sort.DATE, true).messages()).extracting(MessageSummary::preview).containsOnlyNulls();
            System.out.printf("previews-cost: 50-message page, median of 60: server PREVIEW %.2f ms, partial BODY fetches %.2f ms, "
                    + "no previews %.2f ms%n", medianMillis(server, path), medianMillis(partial, path), medianMillis(without, path));
        }
    }
}

package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.testing.GreenMailFixture;

/** The demo mailbox as an IMAP client sees it. */
class DemoMailSeederTest {

    private static GreenMailFixture server;
    private static Store alice;

    @BeforeAll
    static void seed() throws MessagingException {
        server = GreenMailFixture.startWithDemoMail();
        alice = server.imap(DemoMailSeeder.ALICE, DemoMailSeeder.ALICE_PASSWORD);
    }

    @AfterAll
    static void stop() throws MessagingException {
        alice.close();
        server.close();
    }

    @Test
    void aliceHasInboxSentDraftsArchiveAndANestedFolder() throws MessagingException {
        char separator = alice.getDefaultFolder().getSeparator();
        List<String> names = Arrays.stream(alice.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
        assertThat(names).contains("INBOX", "Sent", "Drafts", "Archive", "Projects", "Projects" + separator + "Vaultmail");
    }

    @Test
    void aliceHasTwoHundredMessagesMostlyInInbox() throws MessagingException {
        Map<String, Integer> counts = new HashMap<>();
        for (Folder folder : alice.getDefaultFolder().list("*")) {
            counts.put(folder.getFullName(), folder.getMessageCount());
        }
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DemoMailSeeder.ALICE_MESSAGES);
        assertThat(counts.get("INBOX")).isGreaterThan(100);
        assertThat(counts.get("Sent")).isEqualTo(30);
        assertThat(counts.get("Drafts")).isEqualTo(5);
    }

    @Test
    void nonAsciiSubjectsAreEncodedOnTheWireAndDecodeIntact() throws MessagingException {
        List<Message> inbox = messages("INBOX");
        List<String> subjects = new ArrayList<>();
        for (Message m : inbox) subjects.add(m.getSubject());
        assertThat(subjects).contains("Größenänderung der Straßenkarte für Köln", "Café crème à volonté cette semaine ☕",
                "お疲れ様です — 出張の件", "🎉 Launch day! 🚀 We shipped", "会議の議事録（第3四半期）");
        Message german = inbox.get(subjects.indexOf("Größenänderung der Straßenkarte für Köln"));
        assertThat(german.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    }

    @Test
    void repliesInSentReferToAnsweredMessagesInInbox() throws MessagingException {
        Map<String, Message> inboxById = new HashMap<>();
        for (Message m : messages("INBOX")) {
            String[] id = m.getHeader("Message-ID");
            if (id != null) inboxById.put(id[0], m);
        }
        int replies = 0;
        for (Message sent : messages("Sent")) {
            String[] inReplyTo = sent.getHeader("In-Reply-To");
            if (inReplyTo == null) continue;
            replies++;
            Message original = inboxById.get(inReplyTo[0]);
            assertThat(original).as("original of %s", sent.getSubject()).isNotNull();
            assertThat(original.isSet(Flags.Flag.ANSWERED)).isTrue();
            assertThat(sent.getSubject()).isEqualTo("Re: " + original.getSubject().replaceFirst("^Re: ", ""));
            assertThat(sent.getHeader("References")[0]).contains(inReplyTo[0]);
        }
        assertThat(replies).isGreaterThanOrEqualTo(8);
    }

    @Test
    void inboxMixesUnreadFlaggedHtmlAndLargeMessages() throws Exception {
        int unread = 0, flagged = 0, large = 0, inlineImages = 0, remoteImages = 0;
        for (Message m : messages("INBOX")) {
            if (!m.isSet(Flags.Flag.SEEN)) unread++;
            if (m.isSet(Flags.Flag.FLAGGED)) flagged++;
            if (m.getSize() > 2_000_000) large++;
            String raw = raw((MimeMessage) m, 200_000);
            if (raw.contains("src=3D\"cid:") || raw.contains("src=\"cid:")) inlineImages++;
            if (raw.contains("https://example.com/newsletter/")) remoteImages++;
        }
        assertThat(unread).isBetween(5, 60);
        assertThat(flagged).isGreaterThanOrEqualTo(3);
        assertThat(large).isEqualTo(3);
        assertThat(inlineImages).isEqualTo(18);
        assertThat(remoteImages).isEqualTo(18);
    }

    @Test
    void datesSpreadOverTheLastEighteenMonthsAndNoneInTheFuture() throws MessagingException {
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant oldest = now;
        for (String folder : List.of("INBOX", "Sent", "Archive")) {
            for (Message m : messages(folder)) {
                java.time.Instant sent = m.getSentDate().toInstant();
                assertThat(sent).isBefore(now).isAfter(now.minus(java.time.Duration.ofDays(550)));
                assertThat(m.getReceivedDate().toInstant()).isEqualTo(sent);
                if (sent.isBefore(oldest)) oldest = sent;
            }
        }
        assertThat(oldest).isBefore(now.minus(java.time.Duration.ofDays(300)));
    }

    @Test
    void seedingIsDeterministic() throws MessagingException {
        try (GreenMailFixture again = GreenMailFixture.startWithDemoMail();
             Store store = again.imap(DemoMailSeeder.ALICE, DemoMailSeeder.ALICE_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message m : inbox.getMessages()) subjects.add(m.getSubject());
            List<String> original = new ArrayList<>();
            for (Message m : messages("INBOX")) original.add(m.getSubject());
            assertThat(subjects).isEqualTo(original);
        }
    }

    private static List<Message> messages(String name) throws MessagingException {
        Folder folder = alice.getFolder(name);
        if (!folder.isOpen()) folder.open(Folder.READ_ONLY);
        Message[] all = folder.getMessages();
        jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
        profile.add(jakarta.mail.FetchProfile.Item.ENVELOPE);
        profile.add(jakarta.mail.FetchProfile.Item.FLAGS);
        profile.add(jakarta.mail.FetchProfile.Item.SIZE);
        profile.add("Message-ID");
        profile.add("In-Reply-To");
        profile.add("References");
        folder.fetch(all, profile);
        return List.of(all);
    }

    private static String raw(MimeMessage message, int limit) throws Exception {
        if (message.getSize() > limit) return "";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

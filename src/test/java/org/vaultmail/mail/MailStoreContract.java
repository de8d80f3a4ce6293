package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * What every {@link MailStore} does, run against GreenMail and a real Dovecot (STYLE #7). Each test
 * seeds its own uniquely named folder under {@link #root()} through a separate IMAP connection.
 */
interface MailStoreContract {

    /** The store under test, connected as {@link #address()}. */
    MailStore store();

    /** A plain Jakarta Mail connection as the same user, to seed and inspect. */
    Store seeder();

    /** The user's address. */
    String address();

    /** The folder under which tests create theirs ("" for the top level). */
    String root();

    /** Whether the adapter uses the server's RFC 8970 PREVIEW (Dovecot, unless hidden) instead of partial body fetches. */
    default boolean serverMakesPreviews() {
        return false;
    }

    /** Whether the server offers THREAD=REFERENCES (Dovecot yes, GreenMail no). */
    default boolean serverThreads() {
        return false;
    }

    /** Whether the server has CONDSTORE, so STATUS reports HIGHESTMODSEQ (Dovecot yes, GreenMail no). */
    default boolean serverHasCondstore() {
        return false;
    }

    /**
     * Whether the server answers a SORT whose FROM criterion is not an address (GreenMail 2.1 drops the
     * connection; its SEARCH answers BAD). Angus writes SORT criteria exactly as SEARCH criteria.
     */
    default boolean serverSortsAnyFromString() {
        return true;
    }

    /** Whether the server answers {@code BODY[3.1]} inside an attached message (GreenMail answers empty). */
    default boolean serverFetchesNestedSections() {
        return true;
    }

    // ---- helpers ----

    default char delimiter() {
        try {
            return seeder().getDefaultFolder().getSeparator();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    default FolderPath path(String relative) {
        String full = root().isEmpty() ? relative : root() + delimiter() + relative;
        return FolderPath.of(full, delimiter());
    }

    /** Creates a new, uniquely named folder holding {@code messages}, in order. */
    default FolderPath newFolder(String prefix, Message... messages) throws MessagingException {
        FolderPath path = path(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        create(path);
        append(path, messages);
        return path;
    }

    default void create(FolderPath path) throws MessagingException {
        Folder folder = seeder().getFolder(path.asString());
        if (!folder.exists()) assertThat(folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)).isTrue();
    }

    default void append(FolderPath path, Message... messages) throws MessagingException {
        if (messages.length == 0) return;
        Folder folder = seeder().getFolder(path.asString());
        for (Message m : messages) folder.appendMessages(new Message[] {m}); // one by one: UIDs in order
    }

    default List<Long> uids(MessagePage page) {
        return page.messages().stream().map(m -> m.uid().uid()).toList();
    }

    default List<Long> allUids(FolderPath path) {
        return store().search(path, SearchQuery.all());
    }

    // ---- folders ----

    @Test
    default void foldersHaveRolesFromSpecialUseOrWellKnownNames() {
        List<FolderInfo> folders = store().folders();
        Map<FolderRole, Long> roles = new java.util.EnumMap<>(FolderRole.class);
        folders.stream().filter(f -> f.role() != null).forEach(f -> roles.merge(f.role(), 1L, Long::sum));
        assertThat(roles).containsEntry(FolderRole.INBOX, 1L).containsEntry(FolderRole.SENT, 1L)
                .containsEntry(FolderRole.DRAFTS, 1L).containsEntry(FolderRole.TRASH, 1L).containsEntry(FolderRole.JUNK, 1L);
        assertThat(folders).filteredOn(f -> f.path().isInbox()).singleElement()
                .satisfies(f -> assertThat(f.role()).isEqualTo(FolderRole.INBOX));
    }

    @Test
    default void foldersCountTotalAndUnreadMessages() throws MessagingException {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        FolderPath path = newFolder("counts",
                TestMessages.withFlags(TestMessages.plain("a@example.test", address(), "one", t, "1"), Flags.Flag.SEEN),
                TestMessages.plain("a@example.test", address(), "two", t, "2"),
                TestMessages.plain("a@example.test", address(), "three", t, "3"));
        seeder().getFolder(path.asString()).setSubscribed(true);
        FolderInfo info = store().folders().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
        assertThat(info.total()).isEqualTo(3);
        assertThat(info.unread()).isEqualTo(2);
        assertThat(info.selectable()).isTrue();
        assertThat(info.subscribed()).isTrue();
        assertThat(info.role()).isNull();
        assertThat(info.name()).startsWith("counts-");
    }

    @Test
    default void nonAsciiFolderNamesRoundTrip() throws MessagingException {
        FolderPath parent = newFolder("Über");
        FolderPath drafts = parent.child("Entwürfe");
        FolderPath japanese = parent.child("日本語");
        create(drafts);
        create(japanese);
        append(japanese, TestMessages.plain("a@example.test", address(), "こんにちは", Instant.parse("2026-01-01T00:00:00Z"), "本文"));
        List<FolderPath> paths = store().folders().stream().map(FolderInfo::path).toList();
        assertThat(paths).contains(drafts, japanese);
        assertThat(drafts.name()).isEqualTo("Entwürfe");
        assertThat(drafts.parent()).contains(parent);
        MessagePage page = store().list(japanese, 0, 10, Sort.ARRIVAL, false);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.messages().getFirst().subject()).isEqualTo("こんにちは");
        assertThat(page.messages().getFirst().uid().folder()).isEqualTo(japanese);
    }

    @Test
    default void unknownFolderIsNotFound() {
        assertThatThrownBy(() -> store().list(path("no-such-" + UUID.randomUUID()), 0, 10, Sort.DATE, true))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    // ---- lists ----

    /** Five messages whose every sort key orders them differently (no ties). */
    default FolderPath sortable() throws MessagingException {
        Instant day = Instant.parse("2026-01-01T01:00:00Z"); // arrivals before noon: GreenMail reads 12:xx as 00:xx
        int[] sentDays = {3, 1, 5, 2, 4};
        int[] arrivalHours = {2, 4, 1, 5, 3};
        String[] from = {"carl", "erin", "alan", "dave", "bert"};
        String[] subjects = {"Kiwi", "Re: Apple", "Mango", "Banana", "Fig"};
        int[] sizes = {2000, 500, 8000, 100, 4000};
        Message[] messages = new Message[5];
        for (int i = 0; i < 5; i++) {
            messages[i] = TestMessages.plain(from[i] + "@example.test", address(), subjects[i],
                    day.plusSeconds(86_400L * sentDays[i]), day.plusSeconds(3_600L * arrivalHours[i]), "x".repeat(sizes[i]));
        }
        return newFolder("sort", messages);
    }

    /** Indexes (in append order) of {@link #sortable()} in ascending order of each key. */
    default List<Integer> expectedOrder(Sort sort) {
        return switch (sort) {
            case DATE -> List.of(1, 3, 0, 4, 2);
            case ARRIVAL -> List.of(2, 0, 4, 1, 3);
            case FROM -> List.of(2, 4, 0, 3, 1);
            case SUBJECT -> List.of(1, 3, 4, 0, 2);
            case SIZE -> List.of(3, 1, 0, 4, 2);
        };
    }

    @ParameterizedTest
    @EnumSource(Sort.class)
    default void listSortsEachWayAndPages(Sort sort) throws MessagingException {
        FolderPath path = sortable();
        List<Long> appended = allUids(path);
        List<Long> ascending = expectedOrder(sort).stream().map(appended::get).toList();
        List<Long> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);

        MessagePage all = store().list(path, 0, 50, sort, false);
        assertThat(all.total()).isEqualTo(5);
        assertThat(uids(all)).as("%s ascending", sort).isEqualTo(ascending);
        assertThat(uids(store().list(path, 0, 50, sort, true))).as("%s descending", sort).isEqualTo(descending);
        MessagePage page = store().list(path, 1, 2, sort, true);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.offset()).isEqualTo(1);
        assertThat(uids(page)).isEqualTo(descending.subList(1, 3));
        assertThat(store().list(path, 5, 10, sort, true).messages()).isEmpty();
    }

    @Test
    default void listSummariesCarryEnvelopeFlagsSizeAndAttachments() throws MessagingException {
        Instant sent = Instant.parse("2026-02-03T04:05:06Z");
        MimeMessage plain = TestMessages.plain("Anna Example <anna@example.test>", address(), "Hello there", sent, "hi");
        FolderPath path = newFolder("summary", TestMessages.withFlags(plain, Flags.Flag.SEEN, Flags.Flag.FLAGGED),
                TestMessages.structured("bert@example.test", address()));
        List<MessageSummary> rows = store().list(path, 0, 10, Sort.ARRIVAL, false).messages();
        MessageSummary first = rows.getFirst();
        assertThat(first.subject()).isEqualTo("Hello there");
        assertThat(first.from()).isEqualTo(new EmailAddress("Anna Example", "anna@example.test"));
        assertThat(first.date()).isEqualTo(sent);
        assertThat(first.flags()).containsExactlyInAnyOrder(MessageFlag.SEEN, MessageFlag.FLAGGED);
        assertThat(first.size()).isPositive();
        assertThat(first.hasAttachments()).isFalse();
        assertThat(rows.get(1).hasAttachments()).isTrue();
        assertThat(rows.get(1).flags()).isEmpty();
        assertThat(first.uid().uidValidity()).isPositive();
    }

    @Test
    default void summariesOfChosenUidsComeInTheOrderAskedWithoutTheGoneOnes() throws MessagingException {
        FolderPath path = sortable();
        List<Long> all = allUids(path);
        long gone = all.getLast() + 1000;
        List<MessageSummary> rows = store().summaries(path, List.of(all.get(3), gone, all.get(0)));
        assertThat(rows).extracting(m -> m.uid().uid()).containsExactly(all.get(3), all.get(0));
        MessageSummary listed = store().list(path, 0, 50, Sort.ARRIVAL, false).messages().stream()
                .filter(m -> m.uid().uid() == all.get(3)).findFirst().orElseThrow();
        assertThat(rows.getFirst()).isEqualTo(listed);
        assertThat(store().summaries(path, List.of())).isEmpty();
    }

    @Test
    default void listSeesMessagesAddedAndRemovedSinceTheLastList() throws MessagingException {
        FolderPath path = sortable();
        assertThat(store().list(path, 0, 50, Sort.DATE, true).total()).isEqualTo(5);
        assertThat(store().list(path, 0, 50, Sort.DATE, true).total()).isEqualTo(5); // from the cache
        append(path, TestMessages.plain("zed@example.test", address(), "Newest", Instant.parse("2027-01-01T00:00:00Z"), "n"));
        MessagePage after = store().list(path, 0, 50, Sort.DATE, true);
        assertThat(after.total()).isEqualTo(6);
        assertThat(after.messages().getFirst().subject()).isEqualTo("Newest");

        Folder folder = seeder().getFolder(path.asString());
        folder.open(Folder.READ_WRITE);
        folder.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        folder.close(true);
        MessagePage expunged = store().list(path, 0, 50, Sort.DATE, true);
        assertThat(expunged.total()).isEqualTo(5);
        assertThat(expunged.messages()).extracting(MessageSummary::subject).doesNotContain("Kiwi").contains("Newest");
    }

    // ---- message detail and parts ----

    @Test
    default void messageShowsHeadersAndTheBodyStructureTree() throws MessagingException {
        MimeMessage structured = TestMessages.structured("Bert <bert@example.test>", address());
        String messageId = structured.getMessageID();
        FolderPath path = newFolder("detail", structured);
        long uid = allUids(path).getFirst();
        MessageDetail detail = store().message(path, uid);
        assertThat(detail.subject()).isEqualTo("Quarterly report");
        assertThat(detail.from()).containsExactly(new EmailAddress("Bert", "bert@example.test"));
        assertThat(detail.to()).extracting(EmailAddress::address).containsExactly(address());
        assertThat(detail.cc()).containsExactly(new EmailAddress("Carol", "carol@example.test"));
        assertThat(detail.date()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(detail.messageId()).isEqualTo(messageId);

        MessagePart root = detail.body();
        assertThat(root.contentType()).isEqualTo("multipart/mixed");
        assertThat(root.children()).extracting(MessagePart::partId).containsExactly("1", "2", "3");
        MessagePart related = root.children().get(0);
        assertThat(related.contentType()).isEqualTo("multipart/related");
        MessagePart alternative = related.children().get(0);
        assertThat(alternative.contentType()).isEqualTo("multipart/alternative");
        assertThat(alternative.children()).extracting(MessagePart::partId, MessagePart::contentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.1.1", "text/plain"),
                        org.assertj.core.groups.Tuple.tuple("1.1.2", "text/html"));
        assertThat(alternative.children().getFirst().charset()).isEqualToIgnoringCase("UTF-8");
        MessagePart image = related.children().get(1);
        assertThat(image.partId()).isEqualTo("1.2");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.contentId()).isEqualTo("<logo>");
        assertThat(image.disposition()).isEqualTo("inline");
        MessagePart pdf = root.children().get(1);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.filename()).isEqualTo("report.pdf");
        assertThat(pdf.disposition()).isEqualTo("attachment");
        assertThat(pdf.isAttachment()).isTrue();
        assertThat(pdf.size()).isGreaterThan(TestMessages.PDF.length); // base64
        MessagePart forwarded = root.children().get(2);
        assertThat(forwarded.contentType()).isEqualTo("message/rfc822");
        assertThat(forwarded.filename()).isEqualTo("forwarded.eml");
        assertThat(forwarded.isAttachment()).isTrue();
        assertThat(forwarded.children()).extracting(MessagePart::partId, MessagePart::contentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("3.1", "text/plain"));
    }

    @Test
    default void partStreamsTheDecodedBytes() throws MessagingException {
        FolderPath path = newFolder("parts", TestMessages.structured("bert@example.test", address()));
        long uid = allUids(path).getFirst();
        assertThat(TestMessages.readAll(store().part(path, uid, "2"))).isEqualTo(TestMessages.PDF);
        assertThat(TestMessages.readAll(store().part(path, uid, "1.2"))).isEqualTo(TestMessages.PNG);
        assertThat(new String(TestMessages.readAll(store().part(path, uid, "1.1.1")), StandardCharsets.UTF_8)).isEqualTo("Hello Grüße");
        assertThat(new String(TestMessages.readAll(store().part(path, uid, "3")), StandardCharsets.UTF_8)).contains("Subject: Inner");
        if (serverFetchesNestedSections()) {
            assertThat(new String(TestMessages.readAll(store().part(path, uid, "3.1")), StandardCharsets.UTF_8)).isEqualTo("inner body");
        }
        assertThatThrownBy(() -> store().part(path, uid, "3.2"))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> store().part(path, uid, "9"))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> store().part(path, uid, "1 BODY[]"))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    default void singlePartBodyIsPartOneAndSourceIsTheRawMessage() throws MessagingException {
        MimeMessage plain = TestMessages.plain("a@example.test", address(), "Plain", Instant.parse("2026-01-01T00:00:00Z"), "just text");
        FolderPath path = newFolder("plain", plain);
        long uid = allUids(path).getFirst();
        MessageDetail detail = store().message(path, uid);
        assertThat(detail.body().partId()).isEqualTo("1");
        assertThat(detail.body().contentType()).isEqualTo("text/plain");
        assertThat(new String(TestMessages.readAll(store().part(path, uid, "1")), StandardCharsets.UTF_8)).isEqualTo("just text");
        String source = new String(TestMessages.readAll(store().source(path, uid)), StandardCharsets.UTF_8);
        assertThat(source).contains("Subject: Plain").contains("just text");
        assertThatThrownBy(() -> store().message(path, uid + 100))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    default void headerIsTheHeaderSectionAloneCutAtTheLimit() throws MessagingException {
        MimeMessage m = TestMessages.plain("a@example.test", address(), "Headed", Instant.parse("2026-01-01T00:00:00Z"), "body text");
        m.setHeader("Reply-To", "Team <team@example.test>");
        m.setHeader("References", "<root@example.test> <parent@example.test>");
        FolderPath path = newFolder("header", m);
        long uid = allUids(path).getFirst();

        String header = new String(store().header(path, uid, 64 * 1024), StandardCharsets.UTF_8);

        assertThat(header).contains("Reply-To: Team <team@example.test>")
                .contains("References: <root@example.test> <parent@example.test>").contains("Subject: Headed")
                .doesNotContain("body text"); // GreenMail leaves out the blank line that ends the section; Dovecot sends it
        assertThat(store().header(path, uid, 10)).hasSize(10);
        assertThatThrownBy(() -> store().header(path, uid + 100, 1024))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    default void bodiesComeDecodedTogetherAndCutAtTheLimit() throws MessagingException {
        FolderPath path = newFolder("bodies", TestMessages.structured("bert@example.test", address()),
                TestMessages.plain("a@example.test", address(), "Plain", Instant.parse("2026-01-01T00:00:00Z"), "just text"));
        List<Long> uids = allUids(path);
        long structured = uids.getFirst();
        store().message(path, structured);
        Map<String, PartContent> bodies = store().bodies(path, structured, List.of("1.1.1", "1.1.2", "2"), 1000);
        assertThat(bodies).containsOnlyKeys("1.1.1", "1.1.2", "2");
        assertThat(new String(bodies.get("1.1.1").bytes(), StandardCharsets.UTF_8)).isEqualTo("Hello Grüße");
        assertThat(bodies.get("1.1.1").truncated()).isFalse();
        assertThat(new String(bodies.get("1.1.2").bytes(), StandardCharsets.UTF_8)).isEqualTo("<p>Hello <img src=\"cid:logo\"></p>");
        assertThat(bodies.get("2").bytes()).as("base64 decoded, cut at the limit")
                .isEqualTo(java.util.Arrays.copyOf(TestMessages.PDF, 1000));
        assertThat(bodies.get("2").truncated()).isTrue();
        assertThat(store().bodies(path, structured, List.of("2"), TestMessages.PDF.length).get("2"))
                .satisfies(whole -> {
                    assertThat(whole.bytes()).isEqualTo(TestMessages.PDF);
                    assertThat(whole.truncated()).isFalse();
                });

        long plain = uids.get(1);
        // no message() first: the structure is fetched on demand
        assertThat(new String(store().bodies(path, plain, List.of("1"), 1000).get("1").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("just text");
        assertThatThrownBy(() -> store().bodies(path, structured, List.of("9"), 1000))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> store().bodies(path, plain + 100, List.of("1"), 1000))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    default void aMessageArrivingAfterTheFolderWasSelectedOpens() throws MessagingException {
        FolderPath path = newFolder("arriving", TestMessages.plain("a@example.test", address(), "First", Instant.parse("2026-01-01T00:00:00Z"), "one"));
        store().list(path, 0, 50, Sort.DATE, true); // selected now, knowing one message
        append(path, TestMessages.plain("b@example.test", address(), "Second", Instant.parse("2026-01-02T00:00:00Z"), "two"));
        Folder seen = seeder().getFolder(path.asString());
        seen.open(Folder.READ_ONLY);
        long newest;
        try {
            newest = ((jakarta.mail.UIDFolder) seen).getUID(seen.getMessage(seen.getMessageCount()));
        } finally {
            seen.close(false);
        }
        MessageDetail detail = store().message(path, newest);
        assertThat(detail.subject()).isEqualTo("Second");
        assertThat(new String(store().bodies(path, newest, List.of("1"), 100).get("1").bytes(), StandardCharsets.UTF_8)).isEqualTo("two");
    }

    @Test
    default void readingAMessageDoesNotMarkItSeen() throws MessagingException {
        FolderPath path = newFolder("peek", TestMessages.plain("a@example.test", address(), "Unread", Instant.parse("2026-01-01T00:00:00Z"), "body"));
        long uid = allUids(path).getFirst();
        TestMessages.readAll(store().source(path, uid));
        TestMessages.readAll(store().part(path, uid, "1"));
        assertThat(store().message(path, uid).flags()).doesNotContain(MessageFlag.SEEN);
    }

    // ---- charsets ----

    @Test
    default void headersInLegacyCharsetsAreDecoded() throws MessagingException {
        FolderPath path = newFolder("charsets",
                TestMessages.raw(header("=?ISO-8859-1?Q?Gr=FC=DFe?=", "ISO-8859-1") + "Gr\u00fc\u00dfe\n"),
                TestMessages.raw(header("=?windows-1252?Q?=80_price?=", "windows-1252") + "\u0080 price\n"),
                TestMessages.raw(header("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "ISO-2022-JP") + "plain\n"));
        List<MessageSummary> rows = store().list(path, 0, 10, Sort.ARRIVAL, false).messages();
        assertThat(rows).extracting(MessageSummary::subject).containsExactly("Grüße", "€ price", "日本語");
        long uid = rows.getFirst().uid().uid();
        assertThat(store().message(path, uid).body().charset()).isEqualToIgnoringCase("ISO-8859-1");
        assertThat(new String(TestMessages.readAll(store().part(path, uid, "1")), StandardCharsets.ISO_8859_1)).startsWith("Grüße");
    }

    @Test
    default void searchFindsNonAsciiTextInEncodedHeaders() throws MessagingException {
        FolderPath path = newFolder("utf8search",
                TestMessages.raw(header("=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=", "ISO-8859-1") + "Gr\u00fc\u00dfe\n"),
                TestMessages.plain("a@example.test", address(), "Plain ASCII", Instant.parse("2026-01-01T00:00:00Z"), "x"));
        assertThat(store().search(path, SearchQuery.all().withSubject("Köln"))).containsExactly(allUids(path).getFirst());
    }

    @Test
    default void aBrokenDeclaredCharsetDoesNotThrow() throws MessagingException {
        FolderPath path = newFolder("broken", TestMessages.raw(header("=?x-no-such-charset?Q?caf=E9?=", "x-no-such-charset") + "caf\u00e9\n"));
        MessageSummary row = store().list(path, 0, 10, Sort.ARRIVAL, false).messages().getFirst();
        assertThat(row.subject()).isNotNull();
        MessageDetail detail = store().message(path, row.uid().uid());
        assertThat(detail.body().charset()).isEqualTo("x-no-such-charset");
        assertThat(TestMessages.readAll(store().part(path, row.uid().uid(), "1"))).startsWith("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String header(String encodedSubject, String charset) {
        return "From: a@example.test\nTo: b@example.test\nSubject: " + encodedSubject
                + "\nDate: Thu, 1 Jan 2026 00:00:00 +0000\nMessage-ID: <" + UUID.randomUUID() + "@example.test>\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=\"" + charset + "\"\nContent-Transfer-Encoding: 8bit\n\n";
    }

    // ---- search ----

    /** 1: anna → bob, "Invoice March", flagged+seen, 10 Jan; 2: bert → carol, "Lunch", unread, 10 Feb; 3: attachment, seen, 1 Mar. */
    default FolderPath searchable() throws MessagingException {
        MimeMessage invoice = TestMessages.plain("anna@example.test", "bob@example.test", "Invoice March",
                Instant.parse("2026-01-10T12:00:00Z"), "the quick brown fox");
        MimeMessage lunch = TestMessages.plain("bert@example.test", "carol@example.test", "Lunch",
                Instant.parse("2026-02-10T12:00:00Z"), "pizza tonight");
        return newFolder("search", TestMessages.withFlags(invoice, Flags.Flag.SEEN, Flags.Flag.FLAGGED), lunch,
                TestMessages.withFlags(TestMessages.structured("carl@example.test", "dave@example.test"), Flags.Flag.SEEN));
    }

    @Test
    default void searchByEachCriterion() throws MessagingException {
        FolderPath path = searchable();
        List<Long> all = allUids(path);
        assertThat(all).hasSize(3);
        long invoice = all.get(0);
        long lunch = all.get(1);
        long report = all.get(2);
        SearchQuery q = SearchQuery.all();
        // full addresses: GreenMail matches FROM/TO against whole addresses, Dovecot substrings
        assertThat(store().search(path, q.withFrom("anna@example.test"))).containsExactly(invoice);
        assertThat(store().search(path, q.withTo("carol@example.test"))).containsExactly(lunch);
        assertThat(store().search(path, q.withSubject("invoice"))).containsExactly(invoice);
        assertThat(store().search(path, q.withBody("pizza"))).containsExactly(lunch);
        assertThat(store().search(path, q.withDates(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)))).containsExactly(lunch);
        assertThat(store().search(path, q.withDates(LocalDate.of(2026, 2, 11), null))).containsExactly(report);
        assertThat(store().search(path, q.withDates(null, LocalDate.of(2026, 1, 11)))).containsExactly(invoice);
        assertThat(store().search(path, q.onlyUnread())).containsExactly(lunch);
        assertThat(store().search(path, q.onlyFlagged())).containsExactly(invoice);
        assertThat(store().search(path, q.onlyWithAttachments())).containsExactly(report);
        assertThat(store().search(path, q.withFrom("anna@example.test").onlyUnread())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Invoice\" OR ALL", "x\r\nA001 LOGOUT\r\n", "{5}\r\nhello", "Invoice) OR (ALL", "\" ALL \"", "{0+}\r\n"})
    default void searchStringsCannotInjectImapCommands(String attack) throws MessagingException {
        FolderPath path = searchable();
        assertThat(searchOrRefused(path, SearchQuery.all().withSubject(attack))).isEmpty();
        assertThat(searchOrRefused(path, SearchQuery.all().withFrom(attack))).isEmpty();
        assertThat(searchOrRefused(path, SearchQuery.all().withTo(attack))).isEmpty();
        assertThat(searchOrRefused(path, SearchQuery.all().withBody(attack))).isEmpty();
        assertThat(listOrRefused(path, SearchQuery.all().withSubject(attack))).isEmpty();
        if (serverSortsAnyFromString()) assertThat(listOrRefused(path, SearchQuery.all().withFrom(attack).onlyUnread())).isEmpty();
        assertThat(listOrRefused(path, SearchQuery.all().withBody(attack))).isEmpty();
        // still logged in, still in the same folder, still answering
        assertThat(store().search(path, SearchQuery.all().withSubject("Invoice"))).hasSize(1);
        assertThat(store().list(path, 0, 10, Sort.DATE, false, SearchQuery.all().withSubject("Invoice")).total()).isEqualTo(1);
        assertThat(store().list(path, 0, 10, Sort.DATE, false).total()).isEqualTo(3);
    }

    /** The filtered page's UIDs, or none when the server refused the criteria. */
    default List<Long> listOrRefused(FolderPath path, SearchQuery filter) {
        try {
            MessagePage page = store().list(path, 0, 10, Sort.SUBJECT, true, filter);
            assertThat(page.total()).isEqualTo(page.messages().size());
            return uids(page);
        } catch (MailStoreException e) {
            assertThat(e.reason()).isEqualTo(Reason.REFUSED);
            return List.of();
        }
    }

    /** The result, or none when the server refused the criteria (GreenMail: FROM/TO must parse as an address). */
    default List<Long> searchOrRefused(FolderPath path, SearchQuery query) {
        try {
            return store().search(path, query);
        } catch (MailStoreException e) {
            assertThat(e.reason()).isEqualTo(Reason.REFUSED);
            return List.of();
        }
    }

    // ---- flags ----

    @Test
    default void flagsAreSetAndCleared() throws MessagingException {
        FolderPath path = searchable();
        List<Long> all = allUids(path);
        store().setFlags(path, all.subList(0, 2), Set.of(MessageFlag.FLAGGED, MessageFlag.ANSWERED), true);
        assertThat(store().search(path, SearchQuery.all().onlyFlagged())).containsExactly(all.get(0), all.get(1));
        store().setFlags(path, List.of(all.get(0), 4_000_000L), Set.of(MessageFlag.FLAGGED, MessageFlag.SEEN), false);
        assertThat(store().search(path, SearchQuery.all().onlyFlagged())).containsExactly(all.get(1));
        assertThat(store().message(path, all.get(0)).flags()).containsExactly(MessageFlag.ANSWERED);
        assertThat(store().search(path, SearchQuery.all().onlyUnread())).containsExactly(all.get(0), all.get(1));
    }

    // ---- writing: append, expunge, keywords (compose) ----

    @Test
    default void appendReturnsTheNewUidWithItsFlagsAndExpungeRemovesOnlyTheGivenUids() throws MessagingException {
        FolderPath path = newFolder("append", TestMessages.plain("a@example.test", address(), "Stays", java.time.Instant.now(), "x"));
        long stays = allUids(path).getFirst();
        String raw = "From: me@example.test\r\nTo: you@example.test\r\nSubject: Appended draft\r\nMessage-ID: <append-"
                + UUID.randomUUID() + "@example.test>\r\n\r\nBody\r\n";
        long uid = store().append(path, raw.getBytes(java.nio.charset.StandardCharsets.US_ASCII), Set.of(MessageFlag.DRAFT, MessageFlag.SEEN));
        assertThat(uid).isGreaterThan(stays);
        MessageDetail detail = store().message(path, uid);
        assertThat(detail.subject()).isEqualTo("Appended draft");
        assertThat(detail.flags()).contains(MessageFlag.DRAFT, MessageFlag.SEEN);
        store().expunge(path, List.of(uid));
        assertThat(allUids(path)).containsExactly(stays);
        assertThatThrownBy(() -> store().message(path, uid)).isInstanceOf(MailStoreException.class);
        store().expunge(path, List.of(4_000_000L)); // unknown UIDs are ignored
        assertThat(allUids(path)).containsExactly(stays);
    }

    @Test
    default void appendToAMissingFolderIsNotFound() {
        assertThatThrownBy(() -> store().append(path("no-such-" + UUID.randomUUID()), "Subject: x\r\n\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Set.of()))
                .isInstanceOf(MailStoreException.class).extracting(e -> ((MailStoreException) e).reason()).isEqualTo(MailStoreException.Reason.NOT_FOUND);
    }

    @Test
    default void addKeywordSetsForwarded() throws MessagingException {
        FolderPath path = newFolder("keyword", TestMessages.plain("a@example.test", address(), "Fwd me", java.time.Instant.now(), "x"));
        long uid = allUids(path).getFirst();
        store().addKeyword(path, uid, "$Forwarded");
        Folder folder = seeder().getFolder(path.asString());
        folder.open(Folder.READ_ONLY);
        try {
            assertThat(folder.getMessage(1).getFlags().contains("$Forwarded")).isTrue();
        } finally {
            folder.close(false);
        }
    }

    // ---- large messages ----

    @Test
    default void aTwentyMegabyteMessageIsStreamed() throws Exception {
        int attachmentSize = 15 * 1024 * 1024; // about 20 MB once base64-encoded
        byte[] attachment = TestMessages.randomBytes(attachmentSize, 20);
        MimeMessage big = TestMessages.arrivedAt(null);
        big.setFrom(new InternetAddress("big@example.test"));
        big.setRecipients(Message.RecipientType.TO, address());
        big.setSubject("Large");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attached");
        mixed.addBodyPart(text);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName("big.bin");
        mixed.addBodyPart(file);
        big.setContent(mixed);
        big.saveChanges();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(attachment);
        attachment = null;
        FolderPath path = newFolder("large", big);
        long uid = allUids(path).getFirst();

        long before = heapAfterGc();
        try (InputStream in = store().source(path, uid)) {
            assertThat(in).isNotInstanceOf(ByteArrayInputStream.class);
            long head = in.readNBytes(8 * 1024 * 1024).length;
            long retained = heapAfterGc() - before;
            assertThat(retained).as("heap held while half-way through a 20 MB message").isLessThan(8L * 1024 * 1024);
            assertThat(head + count(in)).isGreaterThan(20_000_000L);
        }
        try (DigestInputStream in = new DigestInputStream(store().part(path, uid, "2"), MessageDigest.getInstance("SHA-256"))) {
            assertThat(count(in)).isEqualTo(attachmentSize);
            assertThat(in.getMessageDigest().digest()).isEqualTo(expected);
        }
        assertThat(store().list(path, 0, 1, Sort.SIZE, true).messages().getFirst().size()).isGreaterThan(20_000_000L);
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) total += n;
        return total;
    }

    // ---- filtered lists, search across folders, status ----

    @ParameterizedTest
    @EnumSource(Sort.class)
    default void filteredListSortsAndCountsOnlyTheMatches(Sort sort) throws MessagingException {
        FolderPath path = sortable();
        List<Long> appended = allUids(path);
        SearchQuery an = SearchQuery.all().withSubject("an"); // Mango (2) and Banana (3)
        List<Long> ascending = expectedOrder(sort).stream().filter(i -> i == 2 || i == 3).map(appended::get).toList();
        MessagePage page = store().list(path, 0, 10, sort, false, an);
        assertThat(page.total()).isEqualTo(2);
        assertThat(uids(page)).as("%s ascending", sort).isEqualTo(ascending);
        MessagePage second = store().list(path, 1, 1, sort, true, an);
        assertThat(second.total()).isEqualTo(2);
        assertThat(second.offset()).isEqualTo(1);
        assertThat(uids(second)).containsExactly(ascending.getFirst());
        assertThat(store().list(path, 0, 10, sort, false, SearchQuery.all().withSubject("no such subject")).total()).isZero();
        assertThat(store().list(path, 0, 10, sort, false, SearchQuery.all()).total()).isEqualTo(5);
    }

    @Test
    default void filteredListSeesFlagChangesMadeElsewhere() throws MessagingException {
        FolderPath path = sortable();
        SearchQuery unread = SearchQuery.all().onlyUnread();
        assertThat(store().list(path, 0, 10, Sort.DATE, true, unread).total()).isEqualTo(5);
        Folder folder = seeder().getFolder(path.asString());
        folder.open(Folder.READ_WRITE);
        folder.getMessage(1).setFlag(Flags.Flag.SEEN, true);
        folder.close(false);
        MessagePage after = store().list(path, 0, 10, Sort.DATE, true, unread);
        assertThat(after.total()).isEqualTo(4);
        assertThat(after.messages()).extracting(MessageSummary::subject).doesNotContain("Kiwi");
    }

    @Test
    default void searchAllFindsTheNewestMatchesInEveryFolder() throws MessagingException {
        String token = "zq" + UUID.randomUUID().toString().substring(0, 6);
        Instant day = Instant.parse("2026-01-01T10:00:00Z");
        FolderPath a = newFolder("all-a",
                TestMessages.plain("a@example.test", address(), token + " one", day.plusSeconds(86_400), "1"),
                TestMessages.plain("a@example.test", address(), token + " four", day.plusSeconds(4 * 86_400), "4"),
                TestMessages.plain("a@example.test", address(), "unrelated", day.plusSeconds(9 * 86_400), "x"));
        FolderPath b = newFolder("all-b",
                TestMessages.plain("b@example.test", address(), token + " five", day.plusSeconds(5 * 86_400), "5"),
                TestMessages.plain("b@example.test", address(), token + " two", day.plusSeconds(2 * 86_400), "2"),
                TestMessages.plain("b@example.test", address(), token + " three", day.plusSeconds(3 * 86_400), "3"));
        SearchQuery query = SearchQuery.all().withSubject(token);

        SearchResults top = store().searchAll(query, 3);
        assertThat(top.total()).isEqualTo(5);
        assertThat(top.messages()).extracting(MessageSummary::subject).containsExactly(token + " five", token + " four", token + " three");
        assertThat(top.messages()).extracting(m -> m.uid().folder()).containsExactly(b, a, b);
        assertThat(top.messages().getFirst().preview()).isEqualTo("5");

        SearchResults everything = store().searchAll(query, 50);
        assertThat(everything.messages()).extracting(MessageSummary::subject)
                .containsExactly(token + " five", token + " four", token + " three", token + " two", token + " one");
        assertThat(store().searchAll(query, 0).messages()).isEmpty();
        assertThat(store().searchAll(SearchQuery.all().withSubject(token + "-none"), 10).total()).isZero();
    }

    @Test
    default void statusCountsWithoutSelecting() throws MessagingException {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        FolderPath path = newFolder("status",
                TestMessages.withFlags(TestMessages.plain("a@example.test", address(), "one", t, "1"), Flags.Flag.SEEN),
                TestMessages.plain("a@example.test", address(), "two", t, "2"),
                TestMessages.plain("a@example.test", address(), "three", t, "3"));
        MessagePage page = store().list(path, 0, 10, Sort.ARRIVAL, false);
        FolderStatus status = store().status(path);
        assertThat(status.folder()).isEqualTo(path);
        assertThat(status.messages()).isEqualTo(3);
        assertThat(status.unseen()).isEqualTo(2);
        assertThat(status.uidValidity()).isEqualTo(page.messages().getFirst().uid().uidValidity());
        assertThat(status.uidNext()).isGreaterThan(page.messages().getLast().uid().uid());
        if (serverHasCondstore()) {
            assertThat(status.highestModSeq()).isNotNull().isPositive();
            store().setFlags(path, List.of(page.messages().getFirst().uid().uid()), Set.of(MessageFlag.FLAGGED), true);
            assertThat(store().status(path).highestModSeq()).isGreaterThan(status.highestModSeq());
        } else {
            assertThat(status.highestModSeq()).isNull();
        }
        assertThatThrownBy(() -> store().status(path("no-such-" + UUID.randomUUID())))
                .isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    default void returningToAFolderSeesFlagsAndMailChangedElsewhere() throws MessagingException {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        FolderPath path = newFolder("revisit", TestMessages.plain("a@example.test", address(), "one", t, "1"),
                TestMessages.plain("a@example.test", address(), "two", t.plusSeconds(60), "2"));
        FolderPath elsewhere = newFolder("revisit-other", TestMessages.plain("a@example.test", address(), "x", t, "x"));
        MessagePage before = store().list(path, 0, 10, Sort.DATE, true);
        store().list(elsewhere, 0, 10, Sort.DATE, true);
        assertThat(store().list(path, 0, 10, Sort.DATE, true)).isEqualTo(before);

        Folder folder = seeder().getFolder(path.asString());
        folder.open(Folder.READ_WRITE);
        folder.getMessage(2).setFlags(new Flags(Flags.Flag.FLAGGED), true);
        folder.close(false);
        store().list(elsewhere, 0, 10, Sort.DATE, true);
        MessagePage flagged = store().list(path, 0, 10, Sort.DATE, true);
        assertThat(flagged.messages()).extracting(MessageSummary::subject).containsExactly("two", "one");
        assertThat(flagged.messages().getFirst().flags()).containsExactly(MessageFlag.FLAGGED);
        assertThat(flagged.messages().getLast().flags()).isEmpty();

        append(path, TestMessages.plain("a@example.test", address(), "three", t.plusSeconds(120), "3"));
        store().list(elsewhere, 0, 10, Sort.DATE, true);
        assertThat(store().list(path, 0, 10, Sort.DATE, true).messages()).extracting(MessageSummary::subject)
                .containsExactly("three", "two", "one");
    }

    // ---- threads ----

    @Test
    default void threadsAreRefusedWhenTheServerCannotThread() throws MessagingException {
        Assumptions.assumeFalse(serverThreads(), "this server threads (THREAD=REFERENCES): threadsGroupRepliesByReferences covers it");
        FolderPath path = newFolder("threads-refused",
                TestMessages.plain("a@example.test", address(), "Plan", Instant.parse("2026-01-01T10:00:00Z"), "a"));
        assertThatThrownBy(() -> store().threads(path))
                .isInstanceOfSatisfying(MailStoreException.class, x -> assertThat(x.reason()).isEqualTo(Reason.REFUSED));
    }

    @Test
    default void threadsGroupRepliesByReferences() throws MessagingException {
        Assumptions.assumeTrue(serverThreads(), "this server has no THREAD=REFERENCES: the store refuses threads"
                + " (threadsAreRefusedWhenTheServerCannotThread covers it)");
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        MimeMessage a = TestMessages.plain("a@example.test", address(), "Plan", t, "a");
        MimeMessage b = reply(TestMessages.plain("b@example.test", address(), "Re: Plan", t.plusSeconds(60), "b"), a);
        MimeMessage c = reply(TestMessages.plain("c@example.test", address(), "Re: Plan", t.plusSeconds(120), "c"), b, a);
        MimeMessage d = reply(TestMessages.plain("d@example.test", address(), "Re: Plan", t.plusSeconds(180), "d"), a);
        MimeMessage e = TestMessages.plain("e@example.test", address(), "Other", t.plusSeconds(240), "e");
        FolderPath path = newFolder("threads", a, b, c, d, e);
        List<Long> u = allUids(path);
        assertThat(store().threads(path)).containsExactly(
                new MessageThread(u.get(0), List.of(new MessageThread(u.get(1), List.of(new MessageThread(u.get(2), List.of()))),
                        new MessageThread(u.get(3), List.of()))),
                new MessageThread(u.get(4), List.of()));
    }

    /** {@code m} as a reply: In-Reply-To the first, References all of them (oldest last given). */
    private static MimeMessage reply(MimeMessage m, MimeMessage... to) throws MessagingException {
        m.setHeader("In-Reply-To", to[0].getMessageID());
        List<String> ids = new ArrayList<>();
        for (int i = to.length - 1; i >= 0; i--) ids.add(to[i].getMessageID());
        m.setHeader("References", String.join(" ", ids));
        return m;
    }

    // ---- previews ----

    @Test
    default void previewsComeFromTheFirstTextPartInAnyEncodingAndCharset() throws MessagingException {
        String mime = "MIME-Version: 1.0\nContent-Type: ";
        StringBuilder longQp = new StringBuilder();
        for (int line = 0; line < 8; line++) longQp.append("=C3=BC".repeat(12)).append("=\n");
        String longBase64 = java.util.Base64.getMimeEncoder().encodeToString("Ä".repeat(300).getBytes(StandardCharsets.UTF_8)).replace("\r\n", "\n");
        FolderPath path = newFolder("preview",
                TestMessages.plain("a@example.test", address(), "plain", Instant.parse("2026-01-01T00:00:00Z"), "Hello  there,\n\n  see you   soon"),
                TestMessages.raw(previewHeader("html") + mime + "text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
                        + "<html><head><style>p{color:red}</style></head><body><p>Hi <b>Anna</b> &amp; team</p></body></html>\n"),
                TestMessages.raw(previewHeader("qp") + mime + "text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                        + "Gr=C3=BC=C3=9Fe aus K=C3=B6ln, sch=\nade\n"),
                TestMessages.raw(previewHeader("long qp") + mime + "text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n" + longQp),
                TestMessages.raw(previewHeader("base64") + mime + "text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
                        + java.util.Base64.getEncoder().encodeToString("Größe: 5 m² — base64".getBytes(StandardCharsets.UTF_8)) + "\n"),
                TestMessages.raw(previewHeader("long base64") + mime + "text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n" + longBase64 + "\n"),
                TestMessages.raw(previewHeader("latin1") + mime + "text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\nGr\u00fc\u00dfe aus K\u00f6ln\n"),
                TestMessages.raw(previewHeader("broken") + mime + "text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: 8bit\n\ncaf\u00e9\n"),
                TestMessages.raw(previewHeader("no text") + mime + "application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0K\n"),
                TestMessages.structured("b@example.test", address())); // last: Angus appends it with its later Date as arrival
        List<MessageSummary> rows = store().list(path, 0, 20, Sort.ARRIVAL, false).messages();
        assertThat(rows).extracting(MessageSummary::preview).startsWith(
                "Hello there, see you soon", "Hi Anna & team", "Grüße aus Köln, schade");
        assertThat(rows.get(3).preview()).as("quoted-printable cut in an escape").matches("ü{30,160}…?");
        assertThat(rows.get(4).preview()).isEqualTo("Größe: 5 m² — base64");
        assertThat(rows.get(5).preview()).as("base64 cut in a quantum and a character").matches("Ä{80,160}…?");
        assertThat(rows.get(6).preview()).isEqualTo("Grüße aus Köln");
        if (serverMakesPreviews()) {
            assertThat(rows.get(7).preview()).as("the server's reading of an unknown charset").startsWith("caf");
        } else {
            assertThat(rows.get(7).preview()).as("an unknown charset falls back to windows-1252").isEqualTo("café");
        }
        assertThat(rows.get(8).preview()).as("no text part").isNull();
        assertThat(rows.get(9).preview()).as("text/plain inside alternative inside related").isEqualTo("Hello Grüße");
    }

    private static String previewHeader(String subject) {
        return "From: a@example.test\nTo: b@example.test\nSubject: " + subject
                + "\nDate: Thu, 1 Jan 2026 00:00:00 +0000\nMessage-ID: <" + UUID.randomUUID() + "@example.test>\n";
    }
}

package org.vaultmail.migrate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * The mailbox issue 14's tests copy: built on any account and server through Angus' APPEND, folder names translated
 * for the server's namespace prefix and separator. Nested folders, non-ASCII names, keywords and custom flags,
 * {@code \Deleted} not expunged, messages without Message-ID, byte-identical duplicates, two different messages
 * sharing a Message-ID (same headers and size), INTERNALDATEs years from their Date header, drafts without Message-ID
 * or Received, the special folders, subscribed and unsubscribed folders, and (unless left out) two 20 MB messages.
 * Content comes from a seed; {@link Manifest} says what was built; {@link #clear} removes it again.
 */
public final class MigrationFixture {

    /** Folder names as the fixture thinks of them ({@code /}-separated) and whether they are subscribed. */
    private static final List<FolderSpec> FOLDERS = List.of(
            new FolderSpec("INBOX", false), new FolderSpec("Projects", true), new FolderSpec("Projects/2024", false),
            new FolderSpec("Projects/2024/Q1", true), new FolderSpec("Überweisungen", true), new FolderSpec("日本語", false),
            new FolderSpec("Archive", false), new FolderSpec("Sent", true), new FolderSpec("Drafts", true),
            new FolderSpec("Trash", true), new FolderSpec("Junk", true));
    static final int BIG_MESSAGE_BYTES = 20 * 1024 * 1024;
    private static final Instant BASE = Instant.parse("2023-01-02T09:00:00Z");

    private record FolderSpec(String logical, boolean subscribed) {
    }

    /** How a server names folders: its personal namespace prefix ({@code ""} or {@code INBOX.}) and separator. */
    public record Naming(String prefix, char separator) {

        /** The server's full name of a fixture folder ({@code Projects/2024} → {@code INBOX.Projects.2024}). */
        public String name(String logical) {
            return logical.equals("INBOX") ? "INBOX" : prefix + logical.replace('/', separator);
        }

        public static Naming of(IMAPStore store) throws MessagingException {
            Folder[] personal = store.getPersonalNamespaces();
            Folder root = personal.length > 0 ? personal[0] : store.getDefaultFolder();
            char separator = root.getSeparator();
            String name = root.getFullName();
            return new Naming(name.isEmpty() ? "" : name + separator, separator);
        }
    }

    /** One message as built: a label for tests, its raw SHA-256, flags (keywords included), INTERNALDATE and size. */
    public record Item(String label, String sha256, Set<String> flags, Instant internalDate, long size) {
    }

    /** One folder as built; {@code created} false when it existed before (INBOX, a server's own special folders). */
    public record FolderEntry(String logical, String name, boolean subscribed, boolean created, List<Item> messages) {
    }

    /** What {@link #build} made, in creation order (parents first). */
    public record Manifest(Naming naming, List<FolderEntry> folders) {

        public int messageCount() {
            return folders.stream().mapToInt(f -> f.messages().size()).sum();
        }

        public FolderEntry folder(String logical) {
            return folders.stream().filter(f -> f.logical().equals(logical)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fixture folder " + logical));
        }

        /** Each fixture folder here to the same fixture folder on a server named {@code other}. */
        public List<FolderPair> pairsTo(Naming other) {
            return folders.stream().map(f -> new FolderPair(f.name(), other.name(f.logical()), null, f.subscribed(), false, true))
                    .toList();
        }
    }

    private final IMAPStore store;
    private final Naming naming;
    private final FixtureMessages messages;
    private final boolean big;
    private final List<FolderEntry> built = new ArrayList<>();
    private int counter;

    private MigrationFixture(IMAPStore store, long seed, boolean big) throws MessagingException {
        this.store = store;
        this.naming = Naming.of(store);
        this.messages = new FixtureMessages(seed);
        this.big = big;
    }

    /** Builds the whole fixture, with the two 20 MB messages, in the account {@code store} is connected to. */
    public static Manifest build(IMAPStore store, long seed) throws MessagingException {
        return build(store, seed, true);
    }

    /** {@code big} false leaves out the two 20 MB messages (quick tests, e.g. the verifier's). */
    public static Manifest build(IMAPStore store, long seed, boolean big) throws MessagingException {
        MigrationFixture fixture = new MigrationFixture(store, seed, big);
        for (FolderSpec spec : FOLDERS) fixture.folder(spec);
        return new Manifest(fixture.naming, List.copyOf(fixture.built));
    }

    private void folder(FolderSpec spec) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(naming.name(spec.logical()));
        boolean created = !folder.exists();
        if (created && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create " + folder.getFullName());
        }
        if (!spec.logical().equals("INBOX")) folder.setSubscribed(spec.subscribed());
        List<Item> items = new ArrayList<>();
        List<Message> append = new ArrayList<>();
        for (Planned p : content(spec.logical())) {
            items.add(new Item(p.label(), sha256(p.raw()), p.flags(), p.internalDate(), p.raw().length));
            append.add(new RawMessage(p.raw(), flags(p.flags()), Date.from(p.internalDate())));
        }
        for (Message m : append) folder.appendMessages(new Message[] {m}); // one APPEND each: a 20 MB literal at a time
        built.add(new FolderEntry(spec.logical(), folder.getFullName(), spec.subscribed(), created, List.copyOf(items)));
    }

    private record Planned(String label, byte[] raw, Set<String> flags, Instant internalDate) {
    }

    private List<Planned> content(String logical) {
        List<Planned> out = new ArrayList<>();
        switch (logical) {
            case "INBOX" -> {
                String[][] flagSets = {{"\\Seen"}, {"\\Seen", "\\Answered"}, {"\\Seen", "\\Flagged", "$Label1"},
                        {"\\Seen", "$Forwarded"}, {"Important-Custom"}, {}};
                for (String[] f : flagSets) out.add(plain("plain-" + (out.size() + 1), true, true, f));
                out.add(plain("no-message-id", false, true, "\\Seen"));
                Planned dup = plain("duplicate-a", true, true, "\\Seen");
                out.add(dup);
                out.add(new Planned("duplicate-b", dup.raw(), dup.flags(), dup.internalDate()));
                Instant shared = next();
                String headers = "From: Fixture Sender <sender@example.org>\nTo: Migration Owner <owner@example.test>\n"
                        + "Subject: Same id, same size\nDate: Mon, 06 Mar 2023 10:00:00 +0000\n"
                        + "Message-ID: <shared-id@fixture.example.org>\nMIME-Version: 1.0\n";
                String text = messages.text(4);
                out.add(new Planned("shared-id-1", FixtureMessages.join(headers, "Version A\n" + text), Set.of("\\Seen"), shared));
                out.add(new Planned("shared-id-2", FixtureMessages.join(headers, "Version B\n" + text), Set.of("\\Seen"), shared));
                out.add(new Planned("date-header-2012-arrived-2024", messages.plain("Old letter, late arrival",
                        Instant.parse("2012-03-04T08:00:00Z"), "old-letter@fixture.example.org", true, messages.text(3)),
                        Set.of("\\Seen"), Instant.parse("2024-06-01T13:34:56Z")));
                out.add(new Planned("date-header-2023-arrived-2001", messages.plain("Arrived before it was written",
                        Instant.parse("2023-11-11T11:11:11Z"), "time-travel@fixture.example.org", true, messages.text(3)),
                        Set.of(), Instant.parse("2001-09-10T07:00:00Z")));
                out.add(plain("deleted-1", true, true, "\\Deleted"));
                out.add(plain("deleted-2", true, true, "\\Seen", "\\Deleted", "$Label1"));
            }
            case "Drafts" -> {
                out.add(plain("draft-1", false, false, "\\Draft"));
                out.add(plain("draft-2", false, false, "\\Draft", "\\Seen"));
            }
            case "Sent" -> {
                out.add(plain("sent-1", true, false, "\\Seen"));
                out.add(plain("sent-2", true, false, "\\Seen", "$Forwarded"));
                out.add(plain("sent-3", true, false, "\\Seen", "\\Answered"));
            }
            case "Trash" -> {
                out.add(plain("trash-1", true, true, "\\Seen", "\\Deleted"));
                out.add(plain("trash-2", true, true, "\\Seen"));
            }
            case "Junk" -> {
                out.add(plain("junk-1", true, true, "$Label1"));
                out.add(plain("junk-2", true, true));
            }
            case "Projects/2024/Q1" -> {
                out.add(plain("q1-1", true, true, "\\Seen", "Important-Custom"));
                out.add(plain("q1-2", true, true, "$Label1", "$Forwarded"));
                out.add(plain("q1-3", true, true, "\\Flagged"));
            }
            case "Überweisungen" -> {
                out.add(plain("transfer-1", true, true, "\\Seen"));
                out.add(plain("transfer-2", true, true, "\\Seen", "Important-Custom"));
            }
            case "日本語" -> {
                out.add(plain("japanese-1", true, true, "\\Seen"));
                out.add(plain("japanese-2", true, true));
            }
            case "Archive" -> {
                out.add(plain("archive-1", true, true, "\\Seen"));
                if (big) {
                    for (int i = 1; i <= 2; i++) {
                        Instant at = next();
                        out.add(new Planned("big-" + i, messages.withAttachment("Big attachment " + i, at.minus(Duration.ofMinutes(3)),
                                "big-" + i + "@fixture.example.org", BIG_MESSAGE_BYTES * 3 / 4), Set.of("\\Seen"), at));
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }

    private Planned plain(String label, boolean messageId, boolean received, String... flags) {
        Instant arrived = next();
        String id = messageId ? label + "." + counter + "@fixture.example.org" : null;
        String subject = label.startsWith("japanese") ? "=?UTF-8?B?5pel5pys6Kqe44Gu5Lu25ZCN?= " + counter : "Fixture " + label;
        byte[] raw = messages.plain(subject, arrived.minus(Duration.ofMinutes(2)), id, received, messages.text(3 + counter % 5));
        return new Planned(label, raw, Set.of(flags), arrived);
    }

    /**
     * INTERNALDATEs a day and a bit apart, whole seconds (IMAP's precision), never in the hour 12:00-12:59 UTC:
     * GreenMail 2.1 parses an APPEND's date with a 12-hour clock and stores 12:34 as 00:34.
     */
    private Instant next() {
        counter++;
        Instant at = BASE.plus(Duration.ofHours(25L * counter)).plusSeconds(counter * 7L);
        return at.atZone(java.time.ZoneOffset.UTC).getHour() == 12 ? at.plus(Duration.ofHours(1)) : at;
    }

    static Flags flags(Set<String> names) {
        Flags flags = new Flags();
        for (String name : names) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "\\seen" -> flags.add(Flags.Flag.SEEN);
                case "\\answered" -> flags.add(Flags.Flag.ANSWERED);
                case "\\flagged" -> flags.add(Flags.Flag.FLAGGED);
                case "\\deleted" -> flags.add(Flags.Flag.DELETED);
                case "\\draft" -> flags.add(Flags.Flag.DRAFT);
                default -> flags.add(name);
            }
        }
        return flags;
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the folders the fixture created (children first) and empties the ones it only filled (INBOX, …). */
    public static void clear(IMAPStore store, Manifest manifest) throws MessagingException {
        List<FolderEntry> reversed = new ArrayList<>(manifest.folders());
        java.util.Collections.reverse(reversed);
        for (FolderEntry f : reversed) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(f.name());
            if (!folder.exists()) continue;
            if (f.created()) {
                folder.setSubscribed(false);
                folder.delete(true);
            } else {
                empty(folder);
            }
        }
    }

    /** Empties every folder of the account and deletes all but INBOX (children first): for a destination after a copy. */
    public static void clearAll(IMAPStore store) throws MessagingException {
        List<Folder> all = new ArrayList<>(List.of(store.getDefaultFolder().list("*")));
        all.sort(Comparator.comparingInt((Folder f) -> f.getFullName().length()).reversed());
        Set<String> done = new TreeSet<>();
        for (Folder f : all) {
            if (!done.add(f.getFullName())) continue;
            IMAPFolder folder = (IMAPFolder) f;
            if (Set.of(folder.getAttributes()).contains("\\Noselect") || !folder.exists()) continue;
            empty(folder);
            if (!folder.getFullName().equalsIgnoreCase("INBOX")) {
                try {
                    folder.setSubscribed(false);
                    folder.delete(true);
                } catch (MessagingException e) {
                    // a server's own special folder may refuse deletion: it is empty now, which is what matters
                }
            }
        }
        empty((IMAPFolder) store.getFolder("INBOX"));
    }

    private static void empty(IMAPFolder folder) throws MessagingException {
        folder.open(Folder.READ_WRITE);
        try {
            Message[] all = folder.getMessages();
            if (all.length > 0) folder.setFlags(all, new Flags(Flags.Flag.DELETED), true);
        } finally {
            folder.close(true);
        }
    }
}

package org.vaultmail.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Fills GreenMail mailboxes with realistic demo mail. Deterministic: the same seed gives the same
 * messages, subjects and flags; only the dates move with the clock (they lie in the last 18 months).
 */
public final class DemoMailSeeder {

    public static final String ALICE = "alice@demo.test";
    public static final String ALICE_PASSWORD = "alice";
    public static final String BOB = "bob@demo.test";
    public static final String BOB_PASSWORD = "bob";
    /** The demo migration's source account (issue 14): alice's "old provider" mailbox, imported into alice's at start-up. */
    public static final String ALICE_OLD = "alice.old@demo.test";
    public static final String ALICE_OLD_PASSWORD = "alice-old";
    /** Its folders and how many messages each holds ("/"-separated). */
    public static final List<String> ALICE_OLD_FOLDERS = List.of("INBOX", "Old Projects", "Receipts/2025");
    public static final int ALICE_OLD_PER_FOLDER = 6;
    /** Alice's folders besides INBOX, with "/" as separator (the server's own delimiter on the wire). */
    public static final List<String> ALICE_FOLDERS = List.of("Sent", "Drafts", "Archive", "Projects", "Projects/Vaultmail");
    /** How many messages alice gets over all her folders. */
    public static final int ALICE_MESSAGES = 200;

    private static final long SEED = 20_261_122L;

    private final GreenMail greenMail;
    private final Instant now;
    private final Random random = new Random(SEED);
    private final List<Seeded> pending = new ArrayList<>();

    public DemoMailSeeder(GreenMail greenMail, Clock clock) {
        this.greenMail = greenMail;
        this.now = clock.instant();
    }

    /** Creates alice and bob (login = address) and seeds both; returns the number of messages stored. */
    public int seedDemoAccounts() {
        GreenMailUser alice = greenMail.setUser(ALICE, ALICE, ALICE_PASSWORD);
        GreenMailUser bob = greenMail.setUser(BOB, BOB, BOB_PASSWORD);
        return seedAlice(alice) + seedBob(bob);
    }

    /** Alice's mailbox: {@value #ALICE_MESSAGES} messages in INBOX, Sent, Drafts, Archive and Projects/Vaultmail. */
    public int seedAlice(GreenMailUser alice) {
        try {
            DemoMailPlan plan = new DemoMailPlan(random, now, DemoMessages.address(alice.getEmail(), "Alice Demo"));
            plan.threads(this::add);
            plan.newsletters(18, this::add);
            plan.attachments(14, this::add);
            plan.largeAttachments(3, this::add);
            plan.international(this::add);
            plan.standalone("Sent", 30 - count("Sent"), true, this::add);
            plan.drafts(5, this::add);
            plan.standalone("Archive", 12, false, this::add);
            plan.standalone("Projects", 3, false, this::add);
            plan.standalone("Projects/Vaultmail", 10, false, this::add);
            plan.standalone("INBOX", ALICE_MESSAGES - pending.size(), false, this::add);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build the demo mail", e);
        }
        return flush(alice);
    }

    /** Bob's mailbox: a handful of messages in INBOX. */
    public int seedBob(GreenMailUser bob) {
        seedPlain(bob, "INBOX", 5);
        return 5;
    }

    /** The demo migration's source: a few plain messages in each of {@link #ALICE_OLD_FOLDERS}. */
    public int seedAliceOld(GreenMailUser old) {
        for (String folder : ALICE_OLD_FOLDERS) seedPlain(old, folder, ALICE_OLD_PER_FOLDER);
        return ALICE_OLD_FOLDERS.size() * ALICE_OLD_PER_FOLDER;
    }

    /** Stores {@code n} plain-text messages (deterministic, dated in the past weeks) in {@code folder}. */
    public void seedPlain(GreenMailUser user, String folder, int n) {
        try {
            DemoMailPlan plan = new DemoMailPlan(random, now, DemoMessages.address(user.getEmail(), null));
            plan.standalone(folder, n, false, this::add);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build messages for " + folder, e);
        }
        flush(user);
    }

    /** The folder at {@code path} ("/"-separated, e.g. {@code Projects/Vaultmail}), created with its parents if missing. */
    public MailFolder folder(GreenMailUser user, String path) {
        ImapHostManager imap = greenMail.getManagers().getImapHostManager();
        try {
            if (path.equalsIgnoreCase("INBOX")) return imap.getInbox(user);
            String name = path.replace('/', imap.getHierarchyDelimiter());
            MailFolder folder = imap.getFolder(user, name);
            if (folder != null) return folder;
            int parent = path.lastIndexOf('/');
            if (parent > 0) folder(user, path.substring(0, parent));
            return imap.createMailbox(user, name);
        } catch (FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException("Cannot create folder " + path + " for " + user.getEmail(), e);
        }
    }

    private void add(String folder, MimeMessage message, Flags flags, Instant received) {
        pending.add(new Seeded(folder, message, flags, received));
    }

    private int count(String folder) {
        return (int) pending.stream().filter(s -> s.folder.equals(folder)).count();
    }

    /** Appends in date order, so UIDs grow with the arrival time as on a real server. */
    private int flush(GreenMailUser user) {
        pending.sort(Comparator.comparing(Seeded::received));
        for (Seeded s : pending) {
            folder(user, s.folder).appendMessage(s.message, s.flags, Date.from(s.received));
        }
        int stored = pending.size();
        pending.clear();
        return stored;
    }

    /** Receives each message the plan makes. */
    @FunctionalInterface
    interface Sink {
        void add(String folder, MimeMessage message, Flags flags, Instant received);
    }

    private record Seeded(String folder, MimeMessage message, Flags flags, Instant received) {
    }

}

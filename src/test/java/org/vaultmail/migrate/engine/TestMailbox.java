package org.vaultmail.migrate.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.UID;

/** One side of a test: an IMAP login, and what the tests do with its folders (seed raw, read back, clean up). */
record TestMailbox(String host, int port, String user, String password) {

    /** A message as a verifier compares it: raw SHA-256, flags (no \Recent), INTERNALDATE. */
    record Stored(long uid, String sha256, Set<String> flags, Instant internalDate, int size) {
        String key() {
            return sha256 + " " + flags + " " + internalDate;
        }
    }

    /** Skips (fails in CI) unless both shared Dovecot servers accept the test's logins. */
    static void requireDovecot() {
        boolean up = true;
        for (int port : new int[] {org.vaultmail.testing.DovecotFixture.IMAP_PORT, 2143}) {
            try {
                new TestMailbox("127.0.0.1", port, "mig-a@example.test", "mig-a-pass").connect().close();
            } catch (MessagingException e) {
                up = false;
            }
        }
        org.vaultmail.testing.Requirements.require(up, "the shared Dovecot servers on 127.0.0.1:1143 and :2143");
    }

    IMAPStore connect() throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "60000");
        props.setProperty("mail.imap.connectionpooltimeout", "600000");
        props.setProperty("mail.imap.connectionpoolsize", "4"); // reopening a folder reuses its connection: fewer logins
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        for (int attempt = 1; ; attempt++) { // the shared Dovecot's auth process is slow when many tests log in at once
            try {
                store.connect(host, port, user, password);
                return store;
            } catch (MessagingException e) {
                if (attempt == 5) throw e;
                try {
                    Thread.sleep(500L * attempt); // back-off before connecting again
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** {@code prefix + a + sep + b…} as this server names a personal folder. */
    static String name(IMAPStore store, String... parts) throws MessagingException {
        String prefix = store.getPersonalNamespaces()[0].getFullName();
        char sep = store.getDefaultFolder().getSeparator();
        if (!prefix.isEmpty() && prefix.charAt(prefix.length() - 1) != sep) prefix = prefix + sep;
        return prefix + String.join(String.valueOf(sep), parts);
    }

    static IMAPFolder create(IMAPStore store, String fullName) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(fullName);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)) {
            throw new MessagingException("cannot create " + fullName);
        }
        return folder;
    }

    /** Deletes every folder whose name contains {@code marker}, deepest first. */
    static void deleteAll(IMAPStore store, String marker) throws MessagingException {
        List<Folder> doomed = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) if (f.getFullName().contains(marker)) doomed.add(f);
        doomed.sort(Comparator.comparingInt((Folder f) -> f.getFullName().length()).reversed());
        for (Folder f : doomed) {
            if (f.isOpen()) f.close(false);
            if (f.exists()) f.delete(true);
        }
    }

    /** APPENDs raw bytes as they are, with flags and an INTERNALDATE. */
    static void append(IMAPFolder folder, byte[] raw, Instant internalDate, String... flags) throws MessagingException {
        Flags f = new Flags();
        for (String flag : flags) {
            switch (flag) {
                case "\\Seen" -> f.add(Flags.Flag.SEEN);
                case "\\Deleted" -> f.add(Flags.Flag.DELETED);
                case "\\Flagged" -> f.add(Flags.Flag.FLAGGED);
                case "\\Answered" -> f.add(Flags.Flag.ANSWERED);
                case "\\Draft" -> f.add(Flags.Flag.DRAFT);
                default -> f.add(flag);
            }
        }
        folder.doCommand(p -> {
            p.append(folder.getFullName(), f, Date.from(internalDate), new Literal() {
                @Override
                public int size() {
                    return raw.length;
                }

                @Override
                public void writeTo(OutputStream os) throws IOException {
                    os.write(raw);
                }
            });
            return null;
        });
    }

    /** Every message of the folder, read with BODY.PEEK[] (examined, so nothing changes). */
    static List<Stored> read(IMAPStore store, String fullName) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(fullName);
        folder.open(Folder.READ_ONLY);
        try {
            if (folder.getMessageCount() == 0) return List.of();
            Response[] responses = (Response[]) folder.doCommand(p ->
                    p.command("UID FETCH 1:* (UID FLAGS INTERNALDATE BODY.PEEK[])", null));
            List<Stored> out = new ArrayList<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse fr && fr.getItem(BODY.class) != null) {
                    ByteArray b = fr.getItem(BODY.class).getByteArray();
                    MessageDigest md = Fingerprints.sha256();
                    md.update(b.getBytes(), b.getStart(), b.getCount());
                    out.add(new Stored(fr.getItem(UID.class).uid, HexFormat.of().formatHex(md.digest()),
                            new TreeSet<>(FlagNames.of(fr.getItem(FLAGS.class))),
                            fr.getItem(INTERNALDATE.class).getDate().toInstant(), b.getCount()));
                }
            }
            out.sort(Comparator.comparingLong(Stored::uid));
            return out;
        } finally {
            folder.close(false);
        }
    }

    /** The sorted multiset of {@link Stored#key()}: equal on both sides when the copy is exact. */
    static List<String> keys(List<Stored> messages) {
        return messages.stream().map(Stored::key).sorted().toList();
    }

    static long highestModSeq(IMAPStore store, String fullName) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(fullName);
        return (Long) folder.doCommand(p -> p.status(fullName, new String[] {"HIGHESTMODSEQ"}).highestmodseq);
    }

    static byte[] message(String... headerAndBody) {
        return String.join("\r\n", headerAndBody).getBytes(StandardCharsets.UTF_8);
    }
}

package org.vaultmail.demo;

import static org.vaultmail.demo.DemoContent.PEOPLE;
import static org.vaultmail.demo.DemoContent.pick;
import static org.vaultmail.demo.DemoMessages.attachment;
import static org.vaultmail.demo.DemoMessages.html;
import static org.vaultmail.demo.DemoMessages.multipart;
import static org.vaultmail.demo.DemoMessages.text;
import static org.vaultmail.demo.DemoMessages.wrap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

/** Decides what demo mail one user gets: threads, newsletters, attachments, drafts; dates and flags. */
final class DemoMailPlan {

    private static final int MAX_DAYS = 540; // about 18 months

    private final Random random;
    private final Instant now;
    private final InternetAddress owner;

    DemoMailPlan(Random random, Instant now, InternetAddress owner) {
        this.random = random;
        this.now = now;
        this.owner = owner;
    }

    /** Conversations: the partner's messages in INBOX (answered), the owner's replies in Sent. */
    void threads(DemoMailSeeder.Sink sink) throws MessagingException {
        List<String> subjects = DemoContent.THREAD_SUBJECTS;
        for (int t = 0; t < subjects.size(); t++) {
            InternetAddress partner = PEOPLE.get(t % PEOPLE.size());
            int length = 3 + random.nextInt(3);
            Instant at = received(MAX_DAYS).minus(Duration.ofDays(8)); // room for the replies
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < length; k++) {
                boolean incoming = k % 2 == 0;
                String id = "<thread-" + t + "-" + k + "@" + domain(incoming ? partner : owner) + ">";
                MimeMessage message = DemoMessages.start(id, incoming ? partner : owner,
                        List.of(incoming ? owner : partner), (k == 0 ? "" : "Re: ") + subjects.get(t), at, ids);
                message.setText(DemoContent.body(random, firstName(incoming ? owner : partner))
                        + firstName(incoming ? partner : owner) + "\n", "UTF-8");
                Flags flags = incoming ? incomingFlags(at) : new Flags(Flags.Flag.SEEN);
                if (incoming && k + 1 < length) flags.add(Flags.Flag.ANSWERED);
                sink.add(incoming ? "INBOX" : "Sent", DemoMessages.saved(message), flags, at);
                ids.add(id);
                at = at.plus(Duration.ofMinutes(20 + random.nextInt(36 * 60)));
            }
        }
    }

    /** HTML newsletters: a table, an inline {@code cid:} logo, and remote images that must stay blocked. */
    void newsletters(int count, DemoMailSeeder.Sink sink) throws MessagingException {
        for (int i = 0; i < count; i++) {
            String name = DemoContent.NEWSLETTERS.get(i % DemoContent.NEWSLETTERS.size());
            String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("(^-|-$)", "");
            InternetAddress from = DemoMessages.address("news@" + slug + ".example.com", name);
            Instant at = received(MAX_DAYS);
            String cid = "logo-" + i + "@" + slug + ".example.com";
            MimeMessage message = DemoMessages.start(null, from, List.of(owner), name + " — Issue #" + (40 + i), at, List.of());
            message.setHeader("List-Unsubscribe", "<https://" + slug + ".example.com/unsubscribe?u=" + i + ">");
            String[] rows = {"Fresh Äpfel", "Crème fraîche", "Green tea 緑茶", "Sourdough bread", "Olive oil"};
            StringBuilder table = new StringBuilder();
            StringBuilder plain = new StringBuilder(name + " — Issue #" + (40 + i) + "\n\n");
            for (int r = 0; r < 3 + random.nextInt(3); r++) {
                String price = String.format(Locale.ROOT, "%.2f", 1 + random.nextInt(2000) / 100.0);
                table.append("<tr><td>").append(rows[r]).append("</td><td style=\"text-align:right\">€ ").append(price).append("</td></tr>");
                plain.append("* ").append(rows[r]).append(": EUR ").append(price).append('\n');
            }
            String htmlBody = """
                    <!DOCTYPE html><html><head><meta charset="utf-8"><style>td { padding: 4px 8px; }</style></head>
                    <body style="font-family: sans-serif; background: #f4f4f4">
                    <table width="600" align="center" style="background: #fff"><tr><td>
                    <img src="cid:%s" alt="%s logo" width="48" height="48">
                    <h1>%s</h1>
                    <img src="https://example.com/newsletter/%s/banner-%d.jpg" alt="This week's banner" width="560">
                    <p>Here is what is new this week. <a href="https://example.com/%s/issues/%d">Read it online</a>.</p>
                    <table border="1" cellspacing="0">%s</table>
                    <p><a href="https://%s.example.com/unsubscribe?u=%d">Unsubscribe</a></p>
                    <img src="https://example.com/track/open.gif?n=%s&amp;i=%d" width="1" height="1" alt="">
                    </td></tr></table></body></html>
                    """.formatted(cid, name, name, slug, i, slug, 40 + i, table, slug, i, slug, i);
            byte[] logo = Attachments.png(48, 48, 40 + random.nextInt(200), 40 + random.nextInt(200), 40 + random.nextInt(200));
            message.setContent(multipart("alternative", text(plain.toString()),
                    wrap(multipart("related", html(htmlBody), DemoMessages.inlineImage(logo, cid, "logo.png")))));
            sink.add("INBOX", DemoMessages.saved(message), incomingFlags(at), at);
        }
    }

    /** Messages with a PDF, a CSV or a PNG attached (one with a non-ASCII file name). */
    void attachments(int count, DemoMailSeeder.Sink sink) throws MessagingException {
        for (int i = 0; i < count; i++) {
            InternetAddress from = pick(random, PEOPLE);
            Instant at = received(MAX_DAYS);
            String subject;
            MimeBodyPart file;
            switch (i % 3) {
                case 0 -> {
                    String fileName = i == 3 ? "Übersicht_März.pdf" : "invoice-2025-" + (100 + i) + ".pdf";
                    subject = "Invoice " + (100 + i) + " attached";
                    file = attachment(Attachments.pdf("Invoice " + (100 + i), 0, random), "application/pdf", fileName);
                }
                case 1 -> {
                    subject = "Expenses for " + (1 + i % 12) + "/2025";
                    file = attachment(Attachments.csv(10 + random.nextInt(40), random), "text/csv; charset=UTF-8", "expenses-" + i + ".csv");
                }
                default -> {
                    subject = "Screenshot of the bug #" + (300 + i);
                    file = attachment(Attachments.png(320, 200, 200, 80 + i * 10, 60), "image/png", "screenshot-" + i + ".png");
                }
            }
            MimeMessage message = DemoMessages.start(null, from, List.of(owner), subject, at, List.of());
            message.setContent(multipart("mixed", text(DemoContent.body(random, firstName(owner))), file));
            sink.add("INBOX", DemoMessages.saved(message), incomingFlags(at), at);
        }
    }

    /** A few heavy messages (2–5 MB attachments), such as scanned documents. */
    void largeAttachments(int count, DemoMailSeeder.Sink sink) throws MessagingException {
        for (int i = 0; i < count; i++) {
            int size = 2_200_000 + i * 1_200_000;
            Instant at = received(MAX_DAYS);
            MimeMessage message = DemoMessages.start(null, pick(random, PEOPLE), List.of(owner),
                    "Scanned contract, part " + (i + 1) + " (" + size / 1_000_000 + " MB)", at, List.of());
            message.setContent(multipart("mixed", text("The signed scan is attached.\n"),
                    attachment(Attachments.pdf("Scanned contract " + (i + 1), size, random), "application/pdf", "contract-scan-" + (i + 1) + ".pdf")));
            sink.add("INBOX", DemoMessages.saved(message), incomingFlags(at), at);
        }
    }

    /** Subjects in German, French, Japanese, Russian and with emoji (RFC 2047 encoded words). */
    void international(DemoMailSeeder.Sink sink) throws MessagingException {
        for (String subject : DemoContent.INTERNATIONAL_SUBJECTS) {
            Instant at = received(MAX_DAYS);
            MimeMessage message = DemoMessages.start(null, pick(random, PEOPLE), List.of(owner), subject, at, List.of());
            message.setText(subject + "\n\n" + DemoContent.body(random, firstName(owner)), "UTF-8");
            sink.add("INBOX", DemoMessages.saved(message), incomingFlags(at), at);
        }
    }

    /** Plain messages in a folder; {@code outgoing} ones are from the owner (as in Sent). */
    void standalone(String folder, int count, boolean outgoing, DemoMailSeeder.Sink sink) throws MessagingException {
        for (int i = 0; i < count; i++) {
            InternetAddress other = pick(random, PEOPLE);
            Instant at = received(MAX_DAYS);
            String subject = pick(random, DemoContent.PLAIN_SUBJECTS);
            MimeMessage message = DemoMessages.start(null, outgoing ? owner : other, List.of(outgoing ? other : owner), subject, at, List.of());
            message.setText(DemoContent.body(random, firstName(outgoing ? other : owner)), "UTF-8");
            sink.add(folder, DemoMessages.saved(message), outgoing ? new Flags(Flags.Flag.SEEN) : incomingFlags(at), at);
        }
    }

    /** Unsent drafts (flag \Draft), some without a subject yet. */
    void drafts(int count, DemoMailSeeder.Sink sink) throws MessagingException {
        for (int i = 0; i < count; i++) {
            Instant at = received(30);
            MimeMessage message = DemoMessages.start(null, owner, List.of(pick(random, PEOPLE)),
                    i == 0 ? "" : "Draft: " + pick(random, DemoContent.PLAIN_SUBJECTS), at, List.of());
            message.setText("Unfinished thought " + (i + 1) + "…\n", "UTF-8");
            Flags flags = new Flags(Flags.Flag.DRAFT);
            flags.add(Flags.Flag.SEEN);
            sink.add("Drafts", DemoMessages.saved(message), flags, at);
        }
    }

    /** Recent mail is often unread, older mail rarely; about one in ten is flagged. */
    private Flags incomingFlags(Instant received) {
        Flags flags = new Flags();
        boolean recent = received.isAfter(now.minus(Duration.ofDays(21)));
        if (random.nextInt(100) >= (recent ? 55 : 4)) flags.add(Flags.Flag.SEEN);
        if (random.nextInt(100) < 9) flags.add(Flags.Flag.FLAGGED);
        return flags;
    }

    /** A moment in the last {@code maxDays}, skewed towards the present as real mailboxes are. */
    private Instant received(int maxDays) {
        double u = random.nextDouble();
        long minutes = 30 + (long) (u * u * Duration.ofDays(maxDays).toMinutes());
        return now.minus(Duration.ofMinutes(minutes));
    }

    private static String domain(InternetAddress address) {
        return address.getAddress().substring(address.getAddress().indexOf('@') + 1);
    }

    private static String firstName(InternetAddress address) {
        String personal = address.getPersonal();
        if (personal == null || personal.isBlank()) return address.getAddress().substring(0, address.getAddress().indexOf('@'));
        return personal.split(" ")[0];
    }
}

package org.vaultmail.webmail;

import java.util.List;
import java.util.Locale;

import org.vaultmail.i18n.ByteSizes;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePart;
import org.vaultmail.reading.MessageLinks;
import org.vaultmail.reading.MessageView;
import org.vaultmail.mail.FolderPath;

/** The open message as the reading pane shows it: headers, notices, the frame's address and the attachments. */
record ReadingPane(String folder, long uid, String subject, String fromName, String fromAddress, List<String> to, List<String> cc,
                   String dateIso, String date, List<Attachment> attachments, boolean remoteBlocked, boolean remoteShown,
                   boolean truncated, boolean wasUnread, boolean flagged, String frameSrc, String sourceHref, String emlHref,
                   String href, String showImagesHref, String trustHref, String backHref, String flagsApi, boolean draft) {

    /** A downloadable part: name, type, size and its API link. */
    record Attachment(String name, String type, String size, String href) {
    }

    ReadingPane {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        attachments = List.copyOf(attachments);
    }

    static ReadingPane of(MessageView view, FolderPath folder, ListParams params, Locale locale) {
        MessageDetail d = view.detail();
        String path = folder.asString();
        long uid = d.uid().uid();
        EmailAddress from = d.from().isEmpty() ? null : d.from().getFirst();
        String api = MessageLinks.message(folder, uid);
        String href = MailUrls.message(path, uid, params);
        return new ReadingPane(path, uid, d.subject(), from == null ? "" : display(from), from == null ? "" : from.address(),
                d.to().stream().map(ReadingPane::full).toList(), d.cc().stream().map(ReadingPane::full).toList(),
                Formats.iso(d.date()), Formats.longDate(d.date(), locale),
                view.attachments().stream().map(p -> attachment(folder, uid, p, locale)).toList(),
                view.remoteContentBlocked(), view.remoteContentShown(), view.truncated(), !d.flags().contains(MessageFlag.SEEN),
                d.flags().contains(MessageFlag.FLAGGED), MailUrls.frame(path, uid, view.remoteContentShown()), api + "/source",
                api + "/source?download=true", href, href + (href.contains("?") ? "&" : "?") + "remote=true",
                MailUrls.folder(path) + "/" + uid + "/trust-sender" + params.query(), MailUrls.folder(path, params), api + "/flags",
                d.flags().contains(MessageFlag.DRAFT));
    }

    private static String display(EmailAddress a) {
        return a.name() != null && !a.name().isBlank() ? a.name() : a.address();
    }

    private static String full(EmailAddress a) {
        return a.name() != null && !a.name().isBlank() ? a.name() + " <" + a.address() + ">" : a.address();
    }

    private static Attachment attachment(FolderPath folder, long uid, MessagePart p, Locale locale) {
        String name = p.filename() != null && !p.filename().isBlank() ? p.filename() : p.contentType();
        return new Attachment(name, p.contentType(), ByteSizes.format(p.size(), locale), MessageLinks.part(folder, uid, p.partId()));
    }

    /** Where the reading pane's organise buttons post (ADR 0056). */
    public String actionsHref() {
        return MailUrls.actions(folder);
    }

    public @Nullable String senderForTrust() {
        return fromAddress.isEmpty() ? null : fromAddress;
    }
}

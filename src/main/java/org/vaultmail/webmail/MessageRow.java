package org.vaultmail.webmail;

import java.time.Instant;
import java.util.Locale;

import org.vaultmail.i18n.ByteSizes;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessageSummary;

/** One line of the message list, ready for the template. */
record MessageRow(long uid, String href, String subject, String sender, String senderAddress, String dateIso, String date,
                  String size, boolean unread, boolean flagged, boolean answered, boolean attachment, @Nullable String preview,
                  boolean open, @Nullable String folderLabel) {

    /** The same row labelled with the folder it is in (search results from every folder). */
    MessageRow inFolder(@Nullable String label) {
        return new MessageRow(uid, href, subject, sender, senderAddress, dateIso, date, size, unread, flagged, answered, attachment,
                preview, open, label == null ? "INBOX" : label);
    }

    static MessageRow of(MessageSummary m, String folder, ListParams params, @Nullable Long openUid, Instant now, Locale locale) {
        EmailAddress from = m.from();
        String sender = from == null ? "" : from.name() != null && !from.name().isBlank() ? from.name() : from.address();
        long uid = m.uid().uid();
        return new MessageRow(uid, MailUrls.message(folder, uid, params), m.subject(), sender, from == null ? "" : from.address(),
                Formats.iso(m.date()), Formats.shortDate(m.date(), now, locale), ByteSizes.format(m.size(), locale),
                !m.flags().contains(MessageFlag.SEEN), m.flags().contains(MessageFlag.FLAGGED),
                m.flags().contains(MessageFlag.ANSWERED), m.hasAttachments(), m.preview(),
                openUid != null && openUid == uid, null);
    }
}

package org.vaultmail.mail.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessageSummary;
import org.vaultmail.mail.MessageUid;

/** The rows of a list: envelope, flags, size, structure and (unless turned off) a preview, in one FETCH (plus previews). */
final class Summaries {

    private final Capabilities capabilities;
    private final boolean previews;

    Summaries(Capabilities capabilities, boolean previews) {
        this.capabilities = capabilities;
        this.previews = previews;
    }

    /** Summaries of these messages (by sequence number) in this order, or null when one was expunged meanwhile. */
    @Nullable List<MessageSummary> of(IMAPFolder folder, FolderPath path, int[] numbers) throws MessagingException, IOException {
        Message[] page = new Message[numbers.length];
        for (int i = 0; i < numbers.length; i++) page[i] = folder.getMessage(numbers[i]);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(page, profile);
        if (Arrays.stream(page).anyMatch(Message::isExpunged)) return null;
        Map<Integer, String> texts = !previews || page.length == 0 ? Map.of()
                : capabilities.has("PREVIEW") ? Previews.fromServer(folder, page) : Previews.fetch(folder, page);
        long uidValidity = folder.getUIDValidity();
        List<MessageSummary> summaries = new ArrayList<>(page.length);
        for (Message m : page) summaries.add(summary(folder, path, uidValidity, (IMAPMessage) m, texts.get(m.getMessageNumber())));
        return List.copyOf(summaries);
    }

    private static MessageSummary summary(IMAPFolder folder, FolderPath path, long uidValidity, IMAPMessage m, @Nullable String preview)
            throws MessagingException, IOException {
        List<EmailAddress> from = Envelopes.addresses(m.getFrom());
        return new MessageSummary(MessageUid.of(path, uidValidity, folder.getUID(m)), Envelopes.subject(m),
                from.isEmpty() ? null : from.getFirst(), Envelopes.date(m), Math.max(m.getSize(), 0), Envelopes.flags(m.getFlags()),
                BodyStructures.hasAttachments(BodyStructures.tree(m)), preview);
    }
}

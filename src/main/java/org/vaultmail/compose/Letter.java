package org.vaultmail.compose;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message as the user wrote it, before any checking: the From identity ({@code null} for the sign-in
 * address), recipients as typed, subject, the plain text, an optional HTML body, threading headers, files,
 * and the message this one answers or forwards ({@link Original}).
 */
public record Letter(@Nullable String from, List<String> to, List<String> cc, List<String> bcc, String subject, String text,
                     @Nullable String html, @Nullable String inReplyTo, List<String> references, List<Attachment> attachments,
                     @Nullable Original original) {

    public Letter {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The same letter with other attachments. */
    public Letter withAttachments(List<Attachment> files) {
        return new Letter(from, to, cc, bcc, subject, text, html, inReplyTo, references, files, original);
    }

    /** The message answered or forwarded: after sending, it gets {@code \Answered} or {@code $Forwarded}. */
    public record Original(String folder, long uid, Kind kind) {
    }

    /** What this letter does with its original. */
    public enum Kind {
        REPLY, FORWARD
    }
}

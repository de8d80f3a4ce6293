package org.vaultmail.compose;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;

/** The JSON shapes of the compose API (documented in {@code openapi/vaultmail-api.json}). */
final class ComposeApi {

    private ComposeApi() {
    }

    /** A message to send or save. {@code markdown}: render {@code text} as the HTML part when {@code html} is absent. */
    record MessageRequest(@Nullable String from, @Nullable List<String> to, @Nullable List<String> cc, @Nullable List<String> bcc,
                          @Nullable String subject, @Nullable String text, @Nullable String html, @Nullable Boolean markdown,
                          @Nullable String inReplyTo, @Nullable List<String> references, @Nullable List<FileJson> attachments,
                          @Nullable OriginalJson original, @Nullable List<Integer> keepAttachments) {

        /** True when the HTML part is the server's Markdown rendering of the text (the UI's way). */
        boolean rendersMarkdown() {
            return (html == null || html.isBlank()) && Boolean.TRUE.equals(markdown) && text != null && !text.isBlank();
        }

        /** The letter to save or send; a Markdown reply or forward quotes its original's HTML (sanitised) in the HTML part. */
        Letter letter(AuthenticatedSession me, Replies replies) {
            Letter letter = letter(List.of());
            return rendersMarkdown() ? replies.withOriginalHtml(me, letter) : letter;
        }

        Letter letter(List<Attachment> extraFiles) {
            List<Attachment> files = new ArrayList<>();
            if (attachments != null) {
                for (int i = 0; i < attachments.size(); i++) files.add(attachments.get(i).attachment(i));
            }
            files.addAll(extraFiles);
            String body = text == null ? "" : text;
            String htmlPart = html != null && !html.isBlank() ? html : Boolean.TRUE.equals(markdown) && !body.isBlank() ? Markdown.toHtml(body) : null;
            return new Letter(from, to, cc, bcc, subject, body, htmlPart, inReplyTo, references, files,
                    original == null ? null : original.original());
        }
    }

    record FileJson(@Nullable String filename, @Nullable String contentType, @Nullable String contentBase64) {
        Attachment attachment(int index) {
            String field = "attachments[" + index + "]";
            if (filename == null) throw new ComposeException(field + ".filename", UserText.of(Prepared.REQUIRED, field + ".filename"));
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(contentBase64 == null ? "" : contentBase64);
            } catch (IllegalArgumentException e) {
                throw new ComposeException(field + ".contentBase64", UserText.of("problem.compose.base64", field + ".contentBase64"));
            }
            return new Attachment(filename, contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip(), bytes);
        }
    }

    /** The message answered ({@code reply}) or forwarded ({@code forward}); flagged after sending. */
    record OriginalJson(@Nullable String folder, long uid, @Nullable String kind) {
        Letter.Original original() {
            if (folder == null || folder.isBlank()) throw new ComposeException("original.folder", UserText.of(Prepared.REQUIRED, "original.folder"));
            Letter.Kind k;
            try {
                k = Letter.Kind.valueOf((kind == null ? "reply" : kind).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ComposeException("original.kind", UserText.of("problem.compose.originalKind"));
            }
            return new Letter.Original(folder, uid, k);
        }
    }

    record Sent(String messageId) {
    }

    record FileInfo(int index, String filename, String contentType, long size) {
    }

    record OriginalView(String folder, long uid, String kind) {
    }

    /** A letter as the composer shows it; files by index (for {@code keepAttachments}). */
    record LetterView(@Nullable String from, List<String> to, List<String> cc, List<String> bcc, String subject, String text,
                      @Nullable String html, @Nullable String inReplyTo, List<String> references, List<FileInfo> attachments,
                      @Nullable OriginalView original) {

        static LetterView of(Letter l) {
            List<FileInfo> files = new ArrayList<>();
            for (int i = 0; i < l.attachments().size(); i++) {
                Attachment a = l.attachments().get(i);
                files.add(new FileInfo(i, a.filename(), a.contentType(), a.size()));
            }
            Letter.Original o = l.original();
            return new LetterView(l.from(), l.to(), l.cc(), l.bcc(), l.subject(), l.text(), l.html(), l.inReplyTo(), l.references(), files,
                    o == null ? null : new OriginalView(o.folder(), o.uid(), o.kind().name().toLowerCase(Locale.ROOT)));
        }
    }

    record DraftView(long uid, @Nullable String messageId, LetterView letter) {
        static DraftView of(Drafts.Draft d) {
            return new DraftView(d.uid(), d.messageId(), LetterView.of(d.letter()));
        }
    }

    record StartView(LetterView letter, @Nullable String quoteHtml) {
    }

    record LimitsView(long maxMessageBytes, long maxFileBytes, long maxTotalBytes, long undoDelayMillis) {
    }

    record IdentityUpdate(@Nullable String name, @Nullable String signature) {
    }
}

package org.vaultmail.compose;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The composer's form as the page posts it (ADR 0057): the draft it replaces ({@code uid}), the recipients as repeated
 * {@code to}/{@code cc}/{@code bcc} fields (one hidden input per chip), the files of the saved draft to keep
 * ({@code keep}, by index), and what a reply or forward refers to. The same request the JSON API takes, as fields.
 */
record ComposeForm(@Nullable Long uid, @Nullable String from, @Nullable List<String> to, @Nullable List<String> cc,
                   @Nullable List<String> bcc, @Nullable String subject, @Nullable String text, @Nullable String inReplyTo,
                   @Nullable List<String> references, @Nullable String originalFolder, @Nullable Long originalUid,
                   @Nullable String originalKind, @Nullable List<Integer> keep) {

    /** As the JSON API's request: Markdown text, the kept files by index. */
    ComposeApi.MessageRequest request() {
        ComposeApi.OriginalJson original = originalFolder == null || originalFolder.isBlank() || originalUid == null ? null
                : new ComposeApi.OriginalJson(originalFolder, originalUid, originalKind);
        return new ComposeApi.MessageRequest(blankToNull(from), to, cc, bcc, subject, text, null, true, blankToNull(inReplyTo),
                references, null, original, keep == null ? List.of() : keep);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package org.vaultmail.webmail;

import org.vaultmail.reading.MessageView;
import org.vaultmail.sanitize.PlainTextRenderer;

/**
 * What the message frame shows: the sanitised HTML, or the plain text escaped with links made clickable
 * ({@code plain}), or nothing ({@code empty}).
 */
record FrameBody(String html, boolean plain, boolean empty) {

    static FrameBody of(MessageView view) {
        if (view.html() != null) return new FrameBody(view.html(), false, false);
        if (view.text() != null && !view.text().isBlank()) return new FrameBody(PlainTextRenderer.toHtml(view.text()), true, false);
        return new FrameBody("", true, true);
    }
}

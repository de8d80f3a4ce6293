package org.vaultmail.sanitize;

import java.util.List;
import java.util.ListIterator;

import org.owasp.html.HtmlStreamEventReceiver;

/**
 * Runs between the library's lexer and the policy; it cannot let anything past the policy. It keeps the
 * first {@value #MAX_ATTRIBUTES} attributes of a tag (the library's duplicate handling is quadratic: 50 000
 * copies of one attribute took seconds; browsers, too, keep the first of duplicates), and writes an allowed
 * image data URL of {@code <img src>} in canonical form, so one folded over several lines (as some mail
 * clients send it) survives the library's URL check.
 */
record TagPreprocessor(HtmlStreamEventReceiver next) implements HtmlStreamEventReceiver {

    static final int MAX_ATTRIBUTES = 64;

    @Override
    public void openDocument() {
        next.openDocument();
    }

    @Override
    public void closeDocument() {
        next.closeDocument();
    }

    @Override
    public void openTag(String elementName, List<String> attrs) {
        boolean img = elementName.equalsIgnoreCase("img");
        ListIterator<String> it = attrs.listIterator();
        int kept = 0;
        while (it.hasNext()) {
            String name = it.next();
            if (!it.hasNext()) break;
            String value = it.next();
            if (kept == MAX_ATTRIBUTES) {
                it.remove();
                it.previous();
                it.remove();
                continue;
            }
            kept++;
            if (img && name.equalsIgnoreCase("src")) {
                String data = DataImageUri.canonical(UrlText.clean(value));
                if (data != null) it.set(data);
            }
        }
        next.openTag(elementName, attrs);
    }

    @Override
    public void closeTag(String elementName) {
        next.closeTag(elementName);
    }

    @Override
    public void text(String text) {
        next.text(text);
    }
}

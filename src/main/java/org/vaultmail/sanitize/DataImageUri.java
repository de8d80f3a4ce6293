package org.vaultmail.sanitize;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlStreamEventReceiver;

/**
 * The only {@code data:} URLs a message keeps: base64 PNG, GIF, JPEG or WebP in {@code <img src>}, written
 * back in canonical form (lower-case type, no parameters, no whitespace) so no MIME or whitespace trick
 * survives. SVG is refused: as an image it runs no script, but opened as a document it would.
 */
final class DataImageUri {

    private static final Pattern DATA_IMAGE = Pattern.compile(
            "(?i)data:image/(png|gif|jpeg|jpg|webp);base64,([A-Za-z0-9+/\\s]+={0,2})\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DataImageUri() {
    }

    /** The canonical form of an allowed image data URL, or null for anything else. */
    static @Nullable String canonical(String cleanedUrl) {
        Matcher m = DATA_IMAGE.matcher(cleanedUrl);
        if (!m.matches()) return null;
        String type = m.group(1).toLowerCase(Locale.ROOT);
        if (type.equals("jpg")) type = "jpeg";
        String body = WHITESPACE.matcher(m.group(2)).replaceAll("");
        return body.isEmpty() ? null : "data:image/" + type + ";base64," + body;
    }

    /**
     * Runs before the policy: writes an allowed image data URL of {@code <img src>} in canonical form, so
     * one folded over several lines (as some mail clients send it) survives the library's URL check.
     * Anything else passes unchanged to the policy, which still decides.
     */
    static HtmlStreamEventReceiver canonicaliseImageSources(HtmlStreamEventReceiver next) {
        return new CanonicalImageSources(next);
    }

    /** A pass-through receiver that only rewrites {@code <img src>} data URLs. */
    private record CanonicalImageSources(HtmlStreamEventReceiver next) implements HtmlStreamEventReceiver {
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
            if (elementName.equalsIgnoreCase("img")) {
                for (int i = 0; i + 1 < attrs.size(); i += 2) {
                    if (!attrs.get(i).equalsIgnoreCase("src")) continue;
                    String data = canonical(UrlText.clean(attrs.get(i + 1)));
                    if (data != null) attrs.set(i + 1, data);
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
}

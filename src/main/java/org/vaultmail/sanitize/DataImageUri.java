package org.vaultmail.sanitize;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

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
}

package org.vaultmail.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The raster image types the proxy serves, recognised both by label (Content-Type) and by magic bytes.
 * SVG (can carry script and remote references) and anything textual are deliberately absent.
 */
enum ImageType {
    PNG("image/png"), JPEG("image/jpeg"), GIF("image/gif"), WEBP("image/webp"), AVIF("image/avif"),
    BMP("image/bmp"), ICO("image/x-icon");

    /** How many leading bytes {@link #sniff} needs at most. */
    static final int SNIFF_LENGTH = 32;

    private static final Map<String, ImageType> LABELS = Map.ofEntries(
            Map.entry("image/png", PNG), Map.entry("image/x-png", PNG), Map.entry("image/apng", PNG),
            Map.entry("image/jpeg", JPEG), Map.entry("image/jpg", JPEG), Map.entry("image/pjpeg", JPEG),
            Map.entry("image/gif", GIF), Map.entry("image/webp", WEBP), Map.entry("image/avif", AVIF),
            Map.entry("image/bmp", BMP), Map.entry("image/x-bmp", BMP), Map.entry("image/x-ms-bmp", BMP),
            Map.entry("image/x-icon", ICO), Map.entry("image/vnd.microsoft.icon", ICO));

    private final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The type a Content-Type header names (parameters ignored), if it is one we serve. */
    static Optional<ImageType> ofLabel(@Nullable String contentType) {
        if (contentType == null) return Optional.empty();
        int semicolon = contentType.indexOf(';');
        String bare = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(LABELS.get(bare));
    }

    /** The type the leading bytes show, if it is one we serve. */
    static Optional<ImageType> sniff(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) return Optional.of(PNG);
        if (startsWith(head, 0, 0xff, 0xd8, 0xff)) return Optional.of(JPEG);
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return Optional.of(GIF);
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return Optional.of(WEBP);
        if (ascii(head, 4, "ftyp") && (ascii(head, 8, "avif") || ascii(head, 8, "avis"))) return Optional.of(AVIF);
        if (ascii(head, 0, "BM") && head.length >= 14) return Optional.of(BMP);
        if (startsWith(head, 0, 0, 0, 1, 0) && head.length >= 6 && (head[4] != 0 || head[5] != 0)) return Optional.of(ICO);
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xff) != expected[i]) return false;
        }
        return true;
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        byte[] want = expected.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= offset + want.length
                && Arrays.equals(bytes, offset, offset + want.length, want, 0, want.length);
    }
}

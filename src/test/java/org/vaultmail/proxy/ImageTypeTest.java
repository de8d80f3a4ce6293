package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Content types by label and by magic bytes: raster images only, never SVG or markup. */
class ImageTypeTest {

    @Test
    void rasterFormatsAreRecognisedByTheirMagicBytes() {
        assertThat(ImageType.sniff(bytes(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).contains(ImageType.PNG);
        assertThat(ImageType.sniff(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).contains(ImageType.JPEG);
        assertThat(ImageType.sniff(ascii("GIF89a\u0001\u0000"))).contains(ImageType.GIF);
        assertThat(ImageType.sniff(ascii("GIF87a\u0001\u0000"))).contains(ImageType.GIF);
        assertThat(ImageType.sniff(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).contains(ImageType.WEBP);
        assertThat(ImageType.sniff(ascii("\u0000\u0000\u0000\u001cftypavif\u0000\u0000\u0000\u0000"))).contains(ImageType.AVIF);
        assertThat(ImageType.sniff(ascii("BM\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0036\u0000\u0000\u0000"))).contains(ImageType.BMP);
        assertThat(ImageType.sniff(bytes(0, 0, 1, 0, 1, 0, 16, 16))).contains(ImageType.ICO);
    }

    @Test
    void markupScriptsAndOtherBytesAreNotImages() {
        for (String text : new String[] {"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "<?xml version=\"1.0\"?><svg/>",
                "<!DOCTYPE html><script>alert(1)</script>", "%PDF-1.7", "", "BM", "GIF8", "\u0000\u0000\u0000\u001cftypisom"}) {
            assertThat(ImageType.sniff(ascii(text))).as(text).isEmpty();
        }
    }

    @Test
    void labelsAreMatchedWithoutParametersAndSvgIsNotOne() {
        assertThat(ImageType.ofLabel("image/PNG; charset=binary")).contains(ImageType.PNG);
        assertThat(ImageType.ofLabel("image/jpg")).contains(ImageType.JPEG);
        assertThat(ImageType.ofLabel("image/vnd.microsoft.icon")).contains(ImageType.ICO);
        assertThat(ImageType.ofLabel("image/svg+xml")).isEmpty();
        assertThat(ImageType.ofLabel("text/html")).isEmpty();
        assertThat(ImageType.ofLabel("application/octet-stream")).isEmpty();
        assertThat(ImageType.ofLabel(null)).isEmpty();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

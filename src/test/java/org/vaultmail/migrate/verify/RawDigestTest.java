package org.vaultmail.migrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RawDigestTest {

    private static final byte[] MESSAGE = "Subject: a\r\nX: b\r\n\r\nbody\r\n\r\nmore\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WITH_TUID = ("X-TUID: abc\r\n" + new String(MESSAGE, StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void piecesOfAnySizeGiveTheSameDigestsAsTheWhole() {
        String[] whole = digest(MESSAGE, MESSAGE.length);
        for (int piece = 1; piece < MESSAGE.length; piece++) assertThat(digest(MESSAGE, piece)).isEqualTo(whole);
    }

    @Test
    void anAddedHeaderChangesTheRawDigestButNotTheBodys() {
        String[] plain = digest(MESSAGE, 3);
        String[] tuid = digest(WITH_TUID, 5);
        assertThat(tuid[0]).isNotEqualTo(plain[0]);
        assertThat(tuid[1]).isEqualTo(plain[1]);
    }

    private static String[] digest(byte[] bytes, int piece) {
        RawDigest d = new RawDigest();
        for (int at = 0; at < bytes.length; at += piece) d.update(bytes, at, Math.min(piece, bytes.length - at));
        return d.finish();
    }
}

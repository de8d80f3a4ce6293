package org.vaultmail.migrate.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a message's raw bytes, fed in pieces, and beside it the SHA-256 of its body alone (everything after the
 * first empty line), so a copy whose headers were rewritten (mbsync's {@code X-TUID}) can still be recognised.
 */
final class RawDigest {

    private static final byte[] END_OF_HEADER = {'\r', '\n', '\r', '\n'};

    private final MessageDigest all = sha256();
    private final MessageDigest body = sha256();
    private int matched; // how many bytes of END_OF_HEADER were seen last
    private boolean inBody;

    void update(byte[] bytes, int start, int count) {
        all.update(bytes, start, count);
        if (inBody) {
            body.update(bytes, start, count);
            return;
        }
        for (int i = start; i < start + count; i++) {
            byte b = bytes[i];
            matched = b == END_OF_HEADER[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == END_OF_HEADER.length) {
                inBody = true;
                body.update(bytes, i + 1, start + count - i - 1);
                return;
            }
        }
    }

    /** Hex digests of the whole message and of its body. */
    String[] finish() {
        return new String[] {HexFormat.of().formatHex(all.digest()), HexFormat.of().formatHex(body.digest())};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package org.vaultmail.oauth.flow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.vaultmail.vault.VaultException;

/**
 * The PKCE code verifier and the OpenID nonce of a pending request: sealed together at rest. The encoding is
 * {@code 1 ‖ u16 length ‖ verifier ‖ nonce}.
 */
record FlowSecrets(String codeVerifier, String nonce) {

    private static final byte VERSION = 1;

    byte[] encode() {
        byte[] v = codeVerifier.getBytes(StandardCharsets.UTF_8);
        byte[] n = nonce.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + v.length + n.length).put(VERSION).putShort((short) v.length).put(v).put(n).array();
    }

    static FlowSecrets decode(byte[] payload) {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            if (payload.length < 3 || b.get() != VERSION) throw new VaultException("oauth_pending_requests.secrets: unknown format");
            int length = Short.toUnsignedInt(b.getShort());
            return new FlowSecrets(new String(payload, 3, length, StandardCharsets.UTF_8),
                    new String(payload, 3 + length, payload.length - 3 - length, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "FlowSecrets[PROTECTED]";
    }
}

package org.vaultmail.gateway.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check written from the text of Standard Webhooks 1.0 (spec/standard-webhooks.md, "Verifying webhook
 * authenticity"), independent of the production signer: the secret is the base64 after {@code whsec_}; the signed
 * content is {@code webhook-id.webhook-timestamp.body}; the header holds space-delimited {@code v1,<base64>}
 * signatures, any one of which may match (compared in constant time); the timestamp must be within the tolerance.
 */
public final class StandardWebhooksVerifier {

    static final long TOLERANCE_SECONDS = 5 * 60;

    private final byte[] key;

    public StandardWebhooksVerifier(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
    }

    /** Whether the headers verify for {@code body} at {@code nowSeconds}. */
    public boolean verify(String id, String timestamp, String signatureHeader, String body, long nowSeconds) {
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) return false;
        byte[] expected = sign(id + "." + timestamp + "." + body);
        for (String part : signatureHeader.split(" ")) {
            int comma = part.indexOf(',');
            if (comma < 0 || !part.substring(0, comma).equals("v1")) continue;
            byte[] given;
            try {
                given = Base64.getDecoder().decode(part.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) return true;
        }
        return false;
    }

    /** The expected {@code v1,…} value for a content, for the test vectors. */
    String expected(String id, long timestamp, String body) {
        return "v1," + Base64.getEncoder().encodeToString(sign(id + "." + timestamp + "." + body));
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.vaultmail.gateway.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.vaultmail.vault.Secret;

/**
 * The {@code webhook-signature} header of Standard Webhooks 1.0: for each secret, {@code v1,} and the base64 of
 * HMAC-SHA256 keyed with the secret's bytes over {@code webhook-id.webhook-timestamp.body}; several separated by spaces
 * (the current secret first, then the one a rotation replaced, during the overlap).
 */
final class WebhookSigner {

    private WebhookSigner() {
    }

    static String signature(String messageId, long timestamp, String body, List<Secret> secrets) {
        byte[] content = (messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>(secrets.size());
        for (Secret secret : secrets) parts.add("v1," + Base64.getEncoder().encodeToString(hmac(secret, content)));
        return String.join(" ", parts);
    }

    private static byte[] hmac(Secret secret, byte[] content) {
        byte[] key = secret.revealBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}

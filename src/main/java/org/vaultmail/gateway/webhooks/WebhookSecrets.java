package org.vaultmail.gateway.webhooks;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.vaultmail.vault.Secret;

/**
 * Endpoint secrets as Standard Webhooks writes them: {@code whsec_} and the base64 of 32 random bytes. The bytes are
 * what is sealed and what the HMAC is keyed with; the text form exists only in the one answer that shows it.
 */
final class WebhookSecrets {

    static final String PREFIX = "whsec_";
    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    /** Fresh random secret bytes; the caller closes them. */
    static Secret generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        try {
            return Secret.copyOf(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The {@code whsec_…} text shown to the user once. */
    static String display(Secret secret) {
        byte[] bytes = secret.revealBytes();
        try {
            return PREFIX + Base64.getEncoder().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}

package org.vaultmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaultmail.vault.Secret;

/** The signer against the spec's reference vector and an independent verifier written from the spec's text. */
class WebhookSignerTest {

    /** The example the Standard Webhooks reference libraries test with (secret, id, timestamp, body, signature). */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signatureMatchesTheReferenceVector() {
        try (Secret secret = bytesOf(SECRET)) {
            assertThat(WebhookSigner.signature(ID, TIMESTAMP, BODY, List.of(secret))).isEqualTo(SIGNATURE);
        }
        assertThat(new StandardWebhooksVerifier(SECRET).expected(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void aFreshSecretIsWhsecAndBase64Of32BytesAndVerifies() {
        try (Secret secret = WebhookSecrets.generate()) {
            String text = WebhookSecrets.display(secret);
            assertThat(text).startsWith("whsec_");
            assertThat(Base64.getDecoder().decode(text.substring(6))).hasSize(32);
            String header = WebhookSigner.signature("msg_1", 1_700_000_000L, "{}", List.of(secret));
            assertThat(new StandardWebhooksVerifier(text).verify("msg_1", "1700000000", header, "{}", 1_700_000_010L)).isTrue();
            assertThat(new StandardWebhooksVerifier(text).verify("msg_1", "1700000000", header, "{ }", 1_700_000_010L))
                    .as("a changed body").isFalse();
            assertThat(new StandardWebhooksVerifier(text).verify("msg_2", "1700000000", header, "{}", 1_700_000_010L))
                    .as("another id").isFalse();
            assertThat(new StandardWebhooksVerifier(text).verify("msg_1", "1700000000", header, "{}", 1_700_001_000L))
                    .as("outside the tolerance: replay").isFalse();
        }
    }

    @Test
    void twoSecretsGiveTwoSpaceSeparatedSignaturesEachVerifyingWithItsOwnSecret() {
        try (Secret current = WebhookSecrets.generate(); Secret previous = WebhookSecrets.generate()) {
            String header = WebhookSigner.signature("msg_1", 1_700_000_000L, "{}", List.of(current, previous));
            assertThat(header.split(" ")).hasSize(2).allMatch(p -> p.startsWith("v1,"));
            assertThat(new StandardWebhooksVerifier(WebhookSecrets.display(current)).verify("msg_1", "1700000000", header, "{}", 1_700_000_000L)).isTrue();
            assertThat(new StandardWebhooksVerifier(WebhookSecrets.display(previous)).verify("msg_1", "1700000000", header, "{}", 1_700_000_000L)).isTrue();
        }
    }

    private static Secret bytesOf(String whsec) {
        return Secret.copyOf(Base64.getDecoder().decode(whsec.substring(6)));
    }
}

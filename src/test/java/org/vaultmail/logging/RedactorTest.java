package org.vaultmail.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private static final String CANARY = "canary-Pw-7f3a9e";

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "db.password", "passwd", "pwd", "userPassword", "password-file",
            "secret", "clientSecret", "client_secret", "token", "refresh_token", "accessToken", "key", "api_key",
            "apiKey", "api-key", "privateKey", "private_key", "authorization", "Authorization", "cookie",
            "Set-Cookie", "otp", "totp", "user.otp", "credentials", "passphrase"})
    void namesThatLookLikeSecretsAreSensitive(String name) {
        assertThat(Redactor.isSensitiveName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "keyId", "keyset", "monkey", "footprint", "request_id", "message", "domain",
            "host", "logger", "level", "otpauthEnabledCount", "mailbox"})
    void ordinaryNamesAreNotSensitive(String name) {
        assertThat(Redactor.isSensitiveName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "login with password=%s for alice",
            "login with password = %s for alice",
            "login with db.password:%s for alice",
            "login with 'password': '%s' for alice",
            "login with {\"user\":\"alice\",\"password\":\"%s\"} for alice",
            "login with {\\\"user\\\":\\\"alice\\\",\\\"password\\\":\\\"%s\\\"} for alice",
            "login with {\"otp\": %s} for alice",
            "login with Authorization: Bearer %s for alice",
            "login with authorization=Basic %s for alice",
            "login with Authorization: %s for alice",
            "login with bearer %s for alice",
            "login with token=%s&user=alice for alice",
            "login with secret: %s for alice",
            "login with apiKey=%s for alice",
            "login with X-Api-Key: %s for alice",
            "login with jdbc:postgresql://db/vm?user=vm&password=%s for alice",
            "login with password=\"%s with spaces\" for alice",
            "login with postgresql://vm:%s@db.example.test:5432/vm for alice",
            "login with imaps://alice%%40example.test:%s@imap.example.test for alice",
    })
    void secretValuesInFreeTextAreRedacted(String template) {
        String redacted = Redactor.redactText(template.formatted(CANARY));
        assertThat(redacted).doesNotContain(CANARY).contains(Redactor.REDACTED).startsWith("login with ")
                .endsWith(" for alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cookie: SESSION=%s; other=1", "Set-Cookie: __Host-vm_unseal=%s; Secure; HttpOnly"})
    void cookieHeadersAreRedactedToTheEndOfTheLine(String template) {
        String redacted = Redactor.redactText(template.formatted(CANARY) + "\nnext line");
        assertThat(redacted).doesNotContain(CANARY).endsWith("[REDACTED]\nnext line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"keyset=/etc/vaultmail/keyset.json", "key 2 is primary", "monkey=banana",
            "user=alice@example.test", "tokens issued: 3", "see http://example.com:8080/x@y and mailto:a@b.test", "primary key id=2", "password-less sign-in"})
    void ordinaryTextIsLeftAlone(String text) {
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "apiKey", "session_token"})
    void valuesUnderSensitiveNamesAreRedactedWhatever(String name) {
        assertThat(Redactor.redactValue(name, "harmless-looking")).isEqualTo(Redactor.REDACTED);
        assertThat(Redactor.redactValue("user", "alice")).isEqualTo("alice");
    }
}

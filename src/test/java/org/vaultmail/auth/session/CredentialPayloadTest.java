package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

class CredentialPayloadTest {

    @Test
    void imapPasswordAndSmtpLoginRoundTrip() {
        try (Secret imap = Secret.ofUtf8("imap-pw ü"); SmtpLogin smtp = new SmtpLogin("submit@x.test", Secret.ofUtf8("smtp-pw"));
             Secret encoded = CredentialPayload.encode(imap, smtp); CredentialPayload decoded = CredentialPayload.decode(encoded)) {
            assertThat(decoded.imapPassword().revealUtf8()).isEqualTo("imap-pw ü");
            assertThat(decoded.smtp().username()).isEqualTo("submit@x.test");
            assertThat(decoded.smtp().password().revealUtf8()).isEqualTo("smtp-pw");
            assertThat(decoded.toString()).doesNotContain("pw");
        }
    }

    @Test
    void withoutSmtpLoginOnlyTheImapPassword() {
        try (Secret imap = Secret.ofUtf8("imap-pw"); Secret encoded = CredentialPayload.encode(imap, null);
             CredentialPayload decoded = CredentialPayload.decode(encoded)) {
            assertThat(decoded.imapPassword().revealUtf8()).isEqualTo("imap-pw");
            assertThat(decoded.smtp()).isNull();
        }
    }

    @Test
    void aSessionSealedBeforeThePayloadFormatIsAllImapPassword() {
        try (Secret legacy = Secret.ofUtf8("old-session-pw"); CredentialPayload decoded = CredentialPayload.decode(legacy)) {
            assertThat(decoded.imapPassword().revealUtf8()).isEqualTo("old-session-pw");
            assertThat(decoded.smtp()).isNull();
        }
    }

    @Test
    void aTruncatedPayloadIsRejected() {
        try (Secret truncated = Secret.copyOf(new byte[] {0, 1, 0, 9, 'a'})) {
            assertThatThrownBy(() -> CredentialPayload.decode(truncated)).isInstanceOf(VaultException.class);
        }
    }
}

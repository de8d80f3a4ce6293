package org.vaultmail.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The scopes Vaultmail asks for, exactly and in order, per provider family and purpose (least privilege, issue 15):
 * adding any scope (a broader one such as {@code https://mail.google.com/} for sending, {@code Mail.ReadWrite},
 * {@code profile}) or dropping one fails here.
 */
class OAuthScopesTest {

    @Test
    void aReauthenticationAsksForTheIdentityOnlyNoMailScopeNoRefreshToken() {
        assertThat(OAuthScopes.identity()).containsExactly("openid", "email");
    }

    @Test
    void googleSendAsksForGmailSendAndTheEmailClaimOnly() {
        assertThat(OAuthScopes.of(ProviderKind.GOOGLE, OAuthPurpose.SEND, List.of()))
                .containsExactly("openid", "email", "https://www.googleapis.com/auth/gmail.send");
    }

    @Test
    void googleMailAndMigrationAskForTheImapScope() {
        assertThat(OAuthScopes.of(ProviderKind.GOOGLE, OAuthPurpose.MAIL, List.of()))
                .containsExactly("openid", "email", "https://mail.google.com/");
        assertThat(OAuthScopes.of(ProviderKind.GOOGLE, OAuthPurpose.MIGRATION_SOURCE, List.of()))
                .containsExactly("openid", "email", "https://mail.google.com/");
    }

    @Test
    void microsoftSendAsksForMailSendAndOfflineAccessOnly() {
        assertThat(OAuthScopes.of(ProviderKind.MICROSOFT, OAuthPurpose.SEND, List.of()))
                .containsExactly("openid", "email", "offline_access", "Mail.Send");
    }

    @Test
    void microsoftMailAsksForImapAndSmtp() {
        assertThat(OAuthScopes.of(ProviderKind.MICROSOFT, OAuthPurpose.MAIL, List.of()))
                .containsExactly("openid", "email", "offline_access", "https://outlook.office.com/IMAP.AccessAsUser.All",
                        "https://outlook.office.com/SMTP.Send");
    }

    @Test
    void microsoftMigrationAsksForImapOnly() {
        assertThat(OAuthScopes.of(ProviderKind.MICROSOFT, OAuthPurpose.MIGRATION_SOURCE, List.of()))
                .containsExactly("openid", "email", "offline_access", "https://outlook.office.com/IMAP.AccessAsUser.All");
    }

    @Test
    void genericAsksForTheOperatorsMailScopes() {
        assertThat(OAuthScopes.of(ProviderKind.GENERIC, OAuthPurpose.MAIL, List.of("mail")))
                .containsExactly("openid", "email", "offline_access", "mail");
        assertThat(OAuthScopes.of(ProviderKind.GENERIC, OAuthPurpose.MIGRATION_SOURCE, List.of("imap")))
                .containsExactly("openid", "email", "offline_access", "imap");
        assertThatThrownBy(() -> OAuthScopes.of(ProviderKind.GENERIC, OAuthPurpose.SEND, List.of("mail")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendScopesNeverIncludeMailboxAccess() {
        for (ProviderKind kind : List.of(ProviderKind.GOOGLE, ProviderKind.MICROSOFT)) {
            assertThat(OAuthScopes.of(kind, OAuthPurpose.SEND, List.of())).doesNotContain(OAuthScopes.GOOGLE_MAIL,
                    OAuthScopes.OUTLOOK_IMAP, OAuthScopes.OUTLOOK_SMTP, "profile", "Mail.ReadWrite", "Mail.Read");
        }
    }

    @Test
    void theProviderRecordsScopesAreTheseSets() {
        OAuthProvider google = new OAuthProvider("google", ProviderKind.GOOGLE, "Google", "id",
                java.net.URI.create("https://a"), java.net.URI.create("https://t"), java.net.URI.create("https://k"), "https://i",
                null, null, List.of(), List.of(), java.util.Set.of(OAuthPurpose.SEND));
        assertThat(google.scopes(OAuthPurpose.SEND)).containsExactly("openid", "email", "https://www.googleapis.com/auth/gmail.send");
        assertThat(google.registrationId(OAuthPurpose.MIGRATION_SOURCE)).isEqualTo("google-migration-source");
    }
}

package org.vaultmail.oauth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthTestKit;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.oauth.StubProvider;

/** {@code vaultmail.oauth.providers.<id>}: exactly the documented keys, the kinds' defaults, refusals at start. */
class ConfiguredProvidersTest {

    private static Map<String, String> minimal(String id, String kind) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vaultmail.oauth.providers." + id + ".kind", kind);
        p.put("vaultmail.oauth.providers." + id + ".client-id", "client-" + id);
        p.put("vaultmail.oauth.providers." + id + ".client-secret-file", StubProvider.secretFile().toString());
        return p;
    }

    private static ConfiguredProviders providers(Map<String, String> properties) {
        return ConfiguredProviders.of(OAuthTestKit.bind(properties));
    }

    @Test
    void googleDefaultsAreGooglesRealEndpointsWithRevocation() {
        OAuthProvider google = providers(minimal("google", "google")).find("google").orElseThrow();
        assertThat(google.kind()).isEqualTo(ProviderKind.GOOGLE);
        assertThat(google.displayName()).isEqualTo("Google");
        assertThat(google.authorizationUri()).hasToString("https://accounts.google.com/o/oauth2/v2/auth");
        assertThat(google.tokenUri()).hasToString("https://oauth2.googleapis.com/token");
        assertThat(google.jwkSetUri()).hasToString("https://www.googleapis.com/oauth2/v3/certs");
        assertThat(google.issuer()).isEqualTo("https://accounts.google.com");
        assertThat(google.revocationUri()).hasToString("https://oauth2.googleapis.com/revoke");
        assertThat(google.sendApiBase()).hasToString("https://gmail.googleapis.com");
        assertThat(google.purposes()).containsExactlyInAnyOrder(OAuthPurpose.values());
    }

    @Test
    void microsoftDefaultsUseTheTenantAndHaveNoRevocation() {
        Map<String, String> p = minimal("m365", "microsoft");
        p.put("vaultmail.oauth.providers.m365.tenant", "contoso.onmicrosoft.com");
        OAuthProvider ms = providers(p).find("m365").orElseThrow();
        assertThat(ms.authorizationUri()).hasToString("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
        assertThat(ms.tokenUri()).hasToString("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(ms.jwkSetUri()).hasToString("https://login.microsoftonline.com/contoso.onmicrosoft.com/discovery/v2.0/keys");
        assertThat(ms.issuer()).isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
        assertThat(ms.revocationUri()).isNull();
        assertThat(ms.sendApiBase()).hasToString("https://graph.microsoft.com");
    }

    @Test
    void microsoftCommonTenantChecksTheIssuerAgainstTheTokensTenant() {
        OAuthProvider ms = providers(minimal("microsoft", "microsoft")).find("microsoft").orElseThrow();
        assertThat(ms.tokenUri()).hasToString("https://login.microsoftonline.com/common/oauth2/v2.0/token");
        assertThat(ms.issuer()).isEqualTo("https://login.microsoftonline.com/{tenantid}/v2.0");
        assertThat(ClientRegistrations.tenantIssuerTemplate(ms)).isNotNull();
    }

    @Test
    void everyKeyOverridesAndListsBind() {
        Map<String, String> p = minimal("corp", "generic");
        String prefix = "vaultmail.oauth.providers.corp.";
        p.put(prefix + "display-name", "Corp SSO");
        p.put(prefix + "authorization-uri", "https://sso.corp.example/authorize");
        p.put(prefix + "token-uri", "https://sso.corp.example/token");
        p.put(prefix + "jwk-set-uri", "https://sso.corp.example/jwks");
        p.put(prefix + "issuer", "https://sso.corp.example");
        p.put(prefix + "revocation-uri", "https://sso.corp.example/revoke");
        p.put(prefix + "domains", "Corp.Example,mail.corp.example");
        p.put(prefix + "mail-scopes", "mail.imap,mail.smtp");
        p.put(prefix + "purposes", "mail");
        OAuthProvider corp = providers(p).find("corp").orElseThrow();
        assertThat(corp.displayName()).isEqualTo("Corp SSO");
        assertThat(corp.domains()).containsExactly("corp.example", "mail.corp.example");
        assertThat(corp.mailScopes()).containsExactly("mail.imap", "mail.smtp");
        assertThat(corp.purposes()).containsExactly(OAuthPurpose.MAIL);
        assertThat(corp.revocationUri()).isEqualTo(URI.create("https://sso.corp.example/revoke"));
        assertThat(corp.scopes(OAuthPurpose.MAIL)).containsExactly("openid", "email", "offline_access", "mail.imap", "mail.smtp");
        assertThat(providers(p).forDomain("CORP.example")).contains(corp);
        assertThat(providers(p).forDomain("other.example")).isEmpty();
    }

    @Test
    void purposesAcceptUpperCaseAndUnderscores() {
        Map<String, String> p = minimal("google", "GOOGLE");
        p.put("vaultmail.oauth.providers.google.purposes", "SEND,MIGRATION_SOURCE");
        assertThat(providers(p).find("google").orElseThrow().purposes())
                .containsExactlyInAnyOrder(OAuthPurpose.SEND, OAuthPurpose.MIGRATION_SOURCE);
    }

    @Test
    void mistakesStopTheStartNamingTheKey() {
        Map<String, String> noKind = minimal("x", "google");
        noKind.remove("vaultmail.oauth.providers.x.kind");
        assertThatThrownBy(() -> providers(noKind)).hasMessageContaining("vaultmail.oauth.providers.x.kind");
        assertThatThrownBy(() -> providers(minimal("x", "yahoo"))).hasMessageContaining("providers.x.kind");
        Map<String, String> generic = minimal("x", "generic");
        assertThatThrownBy(() -> providers(generic)).hasMessageContaining("providers.x.");
        Map<String, String> sendGeneric = minimal("x", "generic");
        sendGeneric.put("vaultmail.oauth.providers.x.mail-scopes", "mail");
        sendGeneric.put("vaultmail.oauth.providers.x.authorization-uri", "https://a.example/a");
        sendGeneric.put("vaultmail.oauth.providers.x.token-uri", "https://a.example/t");
        sendGeneric.put("vaultmail.oauth.providers.x.jwk-set-uri", "https://a.example/k");
        sendGeneric.put("vaultmail.oauth.providers.x.issuer", "https://a.example");
        sendGeneric.put("vaultmail.oauth.providers.x.purposes", "send");
        assertThatThrownBy(() -> providers(sendGeneric)).hasMessageContaining("providers.x.purposes");
        Map<String, String> plainHttp = minimal("x", "google");
        plainHttp.put("vaultmail.oauth.providers.x.token-uri", "http://idp.example/token");
        assertThatThrownBy(() -> providers(plainHttp)).hasMessageContaining("providers.x.token-uri");
        Map<String, String> twice = minimal("a", "google");
        twice.putAll(minimal("b", "microsoft"));
        twice.put("vaultmail.oauth.providers.a.domains", "example.com");
        twice.put("vaultmail.oauth.providers.b.domains", "example.com");
        assertThatThrownBy(() -> providers(twice)).hasMessageContaining("example.com");
        Map<String, String> tenant = minimal("x", "google");
        tenant.put("vaultmail.oauth.providers.x.tenant", "contoso");
        assertThatThrownBy(() -> providers(tenant)).hasMessageContaining("providers.x.tenant");
    }

    @Test
    void aConfiguredPublicOriginFixesTheCallbackUrl() {
        Map<String, String> p = minimal("google", "google");
        p.put("vaultmail.oauth.redirect-base-url", "https://mail.example.org/");
        assertThat(OAuthTestKit.bind(p).redirectUriTemplate()).isEqualTo("https://mail.example.org/oauth/callback/{registrationId}");
        assertThat(OAuthTestKit.bind(minimal("google", "google")).redirectUriTemplate())
                .isEqualTo("{baseUrl}/oauth/callback/{registrationId}");
        Map<String, String> path = minimal("google", "google");
        path.put("vaultmail.oauth.redirect-base-url", "https://mail.example.org/webmail?x=1");
        assertThatThrownBy(() -> OAuthTestKit.bind(path)).hasStackTraceContaining("redirect-base-url");
    }

    @Test
    void anUnreadableSecretFileStopsTheStartWithoutItsContent() {
        Map<String, String> p = minimal("google", "google");
        p.put("vaultmail.oauth.providers.google.client-secret-file", Path.of("/nonexistent/secret").toString());
        assertThatThrownBy(() -> ClientSecrets.read(providers(p)))
                .hasMessageContaining("vaultmail.oauth.providers.google.client-secret-file").hasMessageContaining("/nonexistent/secret");
        Map<String, String> missing = minimal("google", "google");
        missing.remove("vaultmail.oauth.providers.google.client-secret-file");
        assertThatThrownBy(() -> providers(missing)).hasMessageContaining("client-secret-file");
    }

    @Test
    void theSecretIsReadFromTheFileAndPrintedNowhere() {
        ConfiguredProviders providers = providers(minimal("google", "google"));
        ClientSecrets secrets = ClientSecrets.read(providers);
        assertThat(secrets.of("google").revealUtf8()).isEqualTo(StubProvider.CLIENT_SECRET);
        ClientRegistrations registrations = new ClientRegistrations(providers, secrets, "{baseUrl}/oauth/callback/{registrationId}");
        var registered = registrations.get(providers.find("google").orElseThrow(), OAuthPurpose.SEND);
        assertThat(registered.registration().getRedirectUri()).isEqualTo("{baseUrl}/oauth/callback/{registrationId}");
        assertThat(registered.registration().getScopes())
                .isEqualTo(Set.of("openid", "email", "https://www.googleapis.com/auth/gmail.send"));
        for (Object o : new Object[] {providers, secrets, registrations, registered, OAuthTestKit.bind(minimal("google", "google")),
                providers.all()}) {
            assertThat(String.valueOf(o)).doesNotContain(StubProvider.CLIENT_SECRET);
        }
    }
}

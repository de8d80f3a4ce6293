package org.vaultmail.oauth.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.oauth.*}: the providers the operator registered Vaultmail with. Holds the path of each client secret,
 * never the secret (it is read from the file by {@link ClientSecrets}), so configprops and logs cannot show it.
 *
 * @param providers        by id ({@code vaultmail.oauth.providers.<id>.*})
 * @param flowLifetime     how long a started authorization waits for its callback (default 10 minutes)
 * @param connectTimeout   token, revocation and key set endpoint connect timeout (default 5 s)
 * @param readTimeout      their read timeout (default 15 s)
 * @param failureQuietTime after a recorded refresh failure, further ones of the same grant are neither audited nor
 *                         listed for this long (default 5 minutes): a flapping endpoint does not flood the log
 * @param redirectBaseUrl  the public origin of Vaultmail ({@code https://mail.example.org}) for the callback URL the
 *                         providers know; unset: taken from each request (scheme via trusted proxies, host, port)
 */
@ConfigurationProperties("vaultmail.oauth")
public record OAuthProperties(@Nullable Map<String, Provider> providers, @Nullable Duration flowLifetime,
                              @Nullable Duration connectTimeout, @Nullable Duration readTimeout,
                              @Nullable Duration failureQuietTime, @Nullable URI redirectBaseUrl) {

    public OAuthProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        flowLifetime = flowLifetime == null ? Duration.ofMinutes(10) : flowLifetime;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        failureQuietTime = failureQuietTime == null ? Duration.ofMinutes(5) : failureQuietTime;
        if (redirectBaseUrl != null && (redirectBaseUrl.getHost() == null || redirectBaseUrl.getRawQuery() != null
                || !(redirectBaseUrl.getPath() == null || redirectBaseUrl.getPath().isEmpty() || redirectBaseUrl.getPath().equals("/"))
                || !("https".equals(redirectBaseUrl.getScheme()) || "http".equals(redirectBaseUrl.getScheme())))) {
            throw new IllegalStateException("vaultmail.oauth.redirect-base-url must be an origin such as https://mail.example.org, not "
                    + redirectBaseUrl);
        }
    }

    /** The redirect URI template of every registration. */
    public String redirectUriTemplate() {
        String base = redirectBaseUrl == null ? "{baseUrl}" : redirectBaseUrl.toString().replaceAll("/$", "");
        return base + org.vaultmail.oauth.OAuthFlows.CALLBACK_PATH + "{registrationId}";
    }

    /**
     * One provider, exactly the keys the operator writes; unset endpoints take the kind's defaults
     * ({@link ProviderDefaults}).
     *
     * @param kind             google | microsoft | generic
     * @param clientSecretFile the file holding the client secret (read at start; unreadable: Vaultmail does not start)
     * @param tenant           microsoft only: the tenant in the default endpoints ({@code common} by default)
     * @param mailScopes       generic only: the scopes its IMAP/SMTP servers accept
     * @param purposes         send | mail | migration-source (case and {@code _} for {@code -} do not matter); default all the kind supports
     */
    public record Provider(@Nullable String kind, @Nullable String displayName, @Nullable String clientId,
                           @Nullable Path clientSecretFile, @Nullable String authorizationUri, @Nullable String tokenUri,
                           @Nullable String jwkSetUri, @Nullable String issuer, @Nullable String revocationUri,
                           @Nullable String sendApiBase, @Nullable List<String> domains, @Nullable List<String> mailScopes,
                           @Nullable List<String> purposes, @Nullable String tenant) {
    }
}

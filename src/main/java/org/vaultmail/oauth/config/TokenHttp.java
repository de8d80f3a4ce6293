package org.vaultmail.oauth.config;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * HTTP to the providers' token, revocation and key set endpoints: Spring Security's token response clients on a JDK
 * HTTP client with connect and read timeouts (a hanging endpoint must not hold a grant's lock for ever), no redirects.
 */
public final class TokenHttp {

    private final JdkClientHttpRequestFactory requests;

    public TokenHttp(Duration connectTimeout, Duration readTimeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
    }

    /** The code exchange (the PKCE verifier is added from the authorization request's attributes by Spring). */
    public RestClientAuthorizationCodeTokenResponseClient codeExchange() {
        var client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(tokenEndpoint());
        return client;
    }

    public RestClientRefreshTokenTokenResponseClient refresh() {
        var client = new RestClientRefreshTokenTokenResponseClient();
        client.setRestClient(tokenEndpoint());
        return client;
    }

    /** For RFC 7009 revocation: plain form posts, errors as status codes. */
    public RestClient plain() {
        return RestClient.builder().requestFactory(requests).build();
    }

    /** For the ID token signing keys. */
    public RestTemplate jwkSet() {
        return new RestTemplate(requests);
    }

    private RestClient tokenEndpoint() {
        return RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    @Override
    public String toString() {
        return "TokenHttp";
    }
}

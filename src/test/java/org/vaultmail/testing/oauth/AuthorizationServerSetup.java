package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The authorization server's Spring configuration. Deliberately NOT {@code @Configuration}: Vaultmail test nodes
 * component-scan test classes, and this must never end up in their contexts. {@link LocalAuthorizationServer}
 * registers it (and the per-server objects it takes as parameters) in a context of its own.
 */
@EnableWebSecurity
class AuthorizationServerSetup {

    /** Where this server listens; its issuer is {@code http://127.0.0.1:<port>}. */
    record Binding(InetAddress address, int port) {
        URI issuer() {
            return URI.create("http://127.0.0.1:" + port);
        }
    }

    /** The session cookie has its own name: cookies ignore ports, and Vaultmail nodes share the host 127.0.0.1. */
    static final String SESSION_COOKIE = "LOCAL_AS_SESSION";

    @Bean
    ServletWebServerFactory webServer(Binding binding) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(binding.port());
        factory.setAddress(binding.address());
        return factory;
    }

    @Bean
    ServletContextInitializer sessionCookieName() {
        return servletContext -> servletContext.getSessionCookieConfig().setName(SESSION_COOKIE);
    }

    /** Tomcat runs filters only in front of a servlet; every real endpoint here is a filter, the rest is 404. */
    @Bean
    ServletRegistrationBean<HttpServlet> notFound() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }, "/");
    }

    @Bean
    FilterRegistrationBean<TestControlFilter> testControls(ServerControls controls, RevocableAuthorizations authorizations) {
        FilterRegistrationBean<TestControlFilter> registration =
                new FilterRegistrationBean<>(new TestControlFilter(controls, authorizations));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(Binding binding) {
        return AuthorizationServerSettings.builder().issuer(binding.issuer().toString()).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Only to satisfy the OIDC configuration (its userinfo endpoint reads JWTs; these access tokens are opaque). */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    @Bean
    TestUsers users() {
        return new TestUsers();
    }

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, ServerControls controls, RevocableAuthorizations authorizations,
                                          JWKSource<SecurityContext> jwkSource) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as
                        .registeredClientRepository(new TestClients(controls))
                        .authorizationService(authorizations)
                        .tokenGenerator(TokenPolicies.generator(new NimbusJwtEncoder(jwkSource), controls))
                        .authorizationEndpoint(endpoint -> endpoint
                                .authorizationRequestConverters(converters ->
                                        converters.replaceAll(c -> new GrantOnlyConverter(c, controls)))
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                        codes.setAuthenticationValidator(new LoopbackRedirectUris().andThen(
                                                OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
                                    }
                                })))
                        .tokenIntrospectionEndpoint(introspection ->
                                introspection.introspectionResponseHandler(new MailResourceIntrospection()))
                        .oidc(Customizer.withDefaults()))
                // prompt=login and max_age, as the real providers honour them (ADR 0047)
                .addFilterAfter(new FreshLoginFilter(), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(form -> form.permitAll());
        return http.build();
    }
}

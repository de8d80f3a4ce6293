package org.vaultmail.admin.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.vaultmail.admin.operators.OperatorPasskeyChanges;
import org.vaultmail.admin.operators.OperatorPasskeyPolicy;
import org.vaultmail.auth.CsrfTokenHandler;
import org.vaultmail.web.ApiPaths;
import org.vaultmail.web.ChainProblems;

/**
 * {@code /admin/**} has its own chain, before the users' one: an HTTP session (cookie
 * {@code __Host-vm-admin}, see application.yml) that only a verified operator's password and TOTP code (or passkey,
 * ADR 0054) create, with {@code vaultmail.admin.require-passkeys} holding an operator without a passkey at the passkeys page, CSRF tokens in that session, the same strict headers as the rest of Vaultmail. The operators' JSON API
 * ({@code /admin/api/v1/**}) is on the same chain and session; its refusals are problem+json, not a redirect.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminSecurityConfiguration {

    static final String ROLE = "OPERATOR";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain adminSecurity(HttpSecurity http, OperatorPasskeyPolicy passkeyPolicy, OperatorPasskeyChanges passkeys,
                                    ChainProblems problems) throws Exception {
        AdminApiRefusals refusals = new AdminApiRefusals(problems);
        http
                .securityMatcher("/admin", "/admin/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenHandler()))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/admin/signin", "/admin/signin/passkey").permitAll()
                        .anyRequest().hasRole(ROLE))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(refusals.signInFirst(), ApiPaths::api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/admin/signin"), r -> true)
                        .defaultAccessDeniedHandlerFor(refusals.forbidden(), ApiPaths::api))
                // after the operator is known: one without a passkey is held at the passkeys page when they are required
                .addFilterAfter(new RequirePasskeys(passkeyPolicy, passkeys, refusals), AuthorizationFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                        .frameOptions(f -> f.deny())
                        .addHeaderWriter(new StaticHeadersWriter("Cache-Control", "no-store")));
        return http.build();
    }
}

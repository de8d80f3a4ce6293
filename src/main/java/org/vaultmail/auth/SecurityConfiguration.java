package org.vaultmail.auth;

import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.AccessTokens;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.web.ApiPaths;
import org.vaultmail.web.ChainProblems;

/**
 * The Spring Security filter chain: stateless, tokens from {@link TokenAuthenticationFilter}, CSRF
 * for cookie-authenticated state changes (bearer calls are exempt), security headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "display-capture=(), interest-cohort=()";
    static final String CSRF_COOKIE = AuthCookies.CSRF;
    /** The reading UI's message frame, the one page that may be framed (by us). */
    static final RequestMatcher MESSAGE_FRAME = PathPatternRequestMatcher.pathPattern("/mail/{folder}/{uid}/frame");
    /**
     * The JSON APIs ({@link ApiPaths}: {@code /api/**} and the operators' {@code /admin/api/v1/**}), decided on the
     * decoded path as Spring MVC routes it, the same rule the error pages use (ADR 0024, ADR 0031).
     */
    static final RequestMatcher API = ApiPaths::api;
    private static final RequestMatcher SIGN_IN_FORMS = PathPatternRequestMatcher.pathPattern("/signin/**");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    SecurityFilterChain vaultmailSecurity(HttpSecurity http, AccessTokens tokens, Sessions sessions, AuthPolicies policies,
                                          UserMfa mfa, org.vaultmail.auth.passkeys.Passkeys passkeys,
                                          List<BearerCredentials> otherBearerCredentials, ChainProblems problems)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Lax"));
        http
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(requiresCsrf())
                        .csrfTokenRequestHandler(new CsrfTokenHandler())
                        // stateless: the default strategy would see every request as a fresh sign-in and
                        // replace the token each time; sign-in clears the CSRF cookie itself instead
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new TokenAuthenticationFilter(tokens, sessions, policies, otherBearerCredentials), AnonymousAuthenticationFilter.class)
                // always installed: whether MFA is required is the current policy's say, per request (ADR 0022)
                .addFilterAfter(new MfaEnrolmentGate(mfa, passkeys, policies, problems), TokenAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/", "/signin", "/signin/code", "/favicon.ico", "/css/**", "/js/**", "/images/**", "/webjars/**",
                                "/actuator/health", "/actuator/health/**", "/api/v1/openapi.json", "/api/docs").permitAll()
                        // OAuth callbacks (ADR 0043): signed out for sign-in, signed in for connecting; the pending
                        // request's state and browser cookie are the check, not the session
                        .requestMatchers(HttpMethod.GET, "/oauth/callback/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/signin", "/signin/code", "/signin/passkey", "/signin/with-passkey",
                                "/signin/with-passkey/unlock", "/signin/with-passkey/reseal", "/signin/cancel", "/signin/oauth/*", "/api/v1/sessions",
                                "/api/v1/sessions/refresh").permitAll()
                        .requestMatchers("/error").permitAll()
                        // the async dispatch that completes a stream (SSE, /api/v1/events) belongs to a request
                        // that was authorised when it began; the stateless context is not there any more
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint(problems))
                        .accessDeniedHandler(accessDenied(problems)))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                        // X-Frame-Options: DENY everywhere but the message frame, which the mail page embeds and which
                        // sets SAMEORIGIN itself (this writer, unlike the CSP one, would overwrite it)
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(MESSAGE_FRAME),
                                new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY)))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
        return http.build();
    }

    /**
     * Folder paths travel as one URL-encoded path segment ({@code Archive%2F2024}), so encoded slashes and
     * percent signs must reach the controllers; everything else the strict firewall refuses stays refused.
     */
    @Bean
    WebSecurityCustomizer encodedFolderPaths() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }

    /** State-changing requests that carry our cookies (ambient authority), and the sign-in form, need a CSRF token. */
    static RequestMatcher requiresCsrf() {
        return request -> !SAFE_METHODS.contains(request.getMethod())
                && !TokenAuthenticationFilter.isBearer(request)
                && (AuthCookies.present(request) || SIGN_IN_FORMS.matches(request));
    }

    /**
     * API: 403 problem+json (a cookie-authenticated change without its CSRF token ends here); pages: the
     * default error page.
     */
    static AccessDeniedHandler accessDenied(ChainProblems problems) {
        AccessDeniedHandlerImpl pages = new AccessDeniedHandlerImpl();
        return (request, response, e) -> {
            if (!API.matches(request)) {
                pages.handle(request, response, e);
                return;
            }
            String detail = e instanceof org.springframework.security.web.csrf.CsrfException ? "problem.security.csrf" : "problem.error.403";
            problems.write(request, response, 403, detail);
        };
    }

    /** API: 401 problem+json; pages: to the sign-in page. */
    static AuthenticationEntryPoint entryPoint(ChainProblems problems) {
        return (HttpServletRequest request, HttpServletResponse response, org.springframework.security.core.AuthenticationException e) -> {
            if (API.matches(request)) {
                response.setHeader("WWW-Authenticate", "Bearer");
                problems.write(request, response, 401, "problem.error.401");
            } else {
                response.sendRedirect("/signin");
            }
        };
    }
}

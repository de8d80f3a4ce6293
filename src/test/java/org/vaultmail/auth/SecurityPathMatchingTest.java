package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.web.ChainProblems;

/**
 * Each security decision taken outside Spring Security's own matchers decides on the path Spring MVC routes on,
 * so a path that only looks different (here {@code %73} for {@code s}, a {@code ;} parameter) is judged as the
 * path it routes to, even without the canonical-path filter in front (ADR 0024).
 */
class SecurityPathMatchingTest {

    private static final ChainProblems TEXTS = new ChainProblems(org.vaultmail.testing.ProblemAssertions.messages(),
            new StaticListableBeanFactory(Map.of("locale", new FixedLocaleResolver(Locale.ENGLISH)))
                    .getBeanProvider(LocaleResolver.class));


    private static MockHttpServletRequest request(String method, String rawPath) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, rawPath);
        request.setRemoteAddr("192.0.2.9");
        return request;
    }

    @Test
    void theSignInFormNeedsItsCsrfTokenUnderAnyEncodingOfItsPath() {
        for (String path : List.of("/signin", "/%73ignin", "/signi%6E/code", "/signin;x=1", "/signin/%63ancel")) {
            assertThat(SecurityConfiguration.requiresCsrf().matches(request("POST", path))).as(path).isTrue();
        }
        assertThat(SecurityConfiguration.requiresCsrf().matches(request("POST", "/api/v1/%73essions"))).isFalse();
    }

    @Test
    void anEncodedApiPathGetsTheApiAnswersNotThePageAnswers() throws Exception {
        MockHttpServletResponse unauthorized = new MockHttpServletResponse();
        SecurityConfiguration.entryPoint(TEXTS).commence(request("GET", "/%61pi/v1/folders"), unauthorized,
                new InsufficientAuthenticationException("no token"));
        assertThat(unauthorized.getStatus()).isEqualTo(401);
        assertThat(unauthorized.getContentType()).isEqualTo("application/problem+json");

        MockHttpServletResponse forbidden = new MockHttpServletResponse();
        MockHttpServletRequest post = request("POST", "/api/v1/folders/INBOX/%65mpty");
        post.setCookies(new Cookie(AuthCookies.ACCESS, "x"));
        SecurityConfiguration.accessDenied(TEXTS).handle(post, forbidden, new MissingCsrfTokenException(null));
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(forbidden.getContentAsString()).contains("CSRF token");

        MockHttpServletResponse page = new MockHttpServletResponse();
        SecurityConfiguration.entryPoint(TEXTS).commence(request("GET", "/mail/API"), page, new InsufficientAuthenticationException("no"));
        assertThat(page.getRedirectedUrl()).isEqualTo("/signin");
    }

    @Test
    void theMessageFrameIsRecognisedAsMvcRoutesItAndNothingElseIs() {
        assertThat(SecurityConfiguration.MESSAGE_FRAME.matches(request("GET", "/mail/Archive%2F2024/7/frame"))).isTrue();
        assertThat(SecurityConfiguration.MESSAGE_FRAME.matches(request("GET", "/mail/INBOX/7/%66rame"))).isTrue();
        assertThat(SecurityConfiguration.MESSAGE_FRAME.matches(request("GET", "/mail/INBOX/7/frame/x"))).isFalse();
        assertThat(SecurityConfiguration.MESSAGE_FRAME.matches(request("GET", "/mail/INBOX/7"))).isFalse();
    }
}

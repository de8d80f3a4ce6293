package org.vaultmail.admin.operators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Load shedding at the door for operator sign-ins (ADR 0027 amendment). The {@link Argon2Gate} bounds the password
 * checks, but a refused request still cost the security filter chain, a form parse and a rendered page: 300 at once
 * on two cores kept every other request (health checks, users' pages) waiting for up to a second behind them. Here,
 * before any of that, at most as many sign-ins as the gate can run or queue are let in; the others get a small
 * 503 page (in the request's language) with {@code Retry-After} at once. Nothing is checked or counted for them, so nothing is lost.
 */
final class OperatorSignInAdmissionFilter extends OncePerRequestFilter {

    /** On the path MVC routes on (ADR 0024): {@code /admin/%73ignin} is the same post. */
    static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/admin/signin");

    private final Semaphore admissions;
    private final OperatorSignInAudit audit;
    private final MessageSource messages;
    private final Function<HttpServletRequest, Locale> locales;

    /**
     * {@code capacity}: the gate's threads plus its queue, so the gate itself rarely has to refuse. The busy page is
     * in the language {@code locales} picks (before MVC, so no locale context is set: the application's resolver,
     * asked directly), its texts {@code admin.busy.*} (messages-requests).
     */
    OperatorSignInAdmissionFilter(int capacity, OperatorSignInAudit audit, MessageSource messages,
                                  Function<HttpServletRequest, Locale> locales) {
        this.admissions = new Semaphore(Math.max(1, capacity));
        this.audit = audit;
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SIGN_IN.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admissions.tryAcquire()) {
            audit.busy();
            refuse(response, busyPage(locales.apply(request)));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            admissions.release();
        }
    }

    /** Before Spring Security, so its headers are set here: a page that loads nothing and cannot be framed or cached. */
    private static void refuse(HttpServletResponse response, byte[] page) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(OperatorSignInBusyException.RETRY_AFTER.toSeconds()));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    /** A few cached bundle lookups: still nothing like the chain, the form parse and the template it spares. */
    private byte[] busyPage(Locale locale) {
        long seconds = OperatorSignInBusyException.RETRY_AFTER.toSeconds();
        return ("""
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>
                <body><main><h1>%s</h1>
                <p>%s
                %s</p></main></body></html>
                """.formatted(locale.toLanguageTag(), messages.getMessage("admin.busy.title", null, locale),
                messages.getMessage("admin.busy.heading", null, locale), messages.getMessage("admin.busy.text", null, locale),
                messages.getMessage("admin.busy.retry", new Object[] {seconds}, locale))).getBytes(StandardCharsets.UTF_8);
    }
}

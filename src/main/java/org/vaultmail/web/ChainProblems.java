package org.vaultmail.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The problem+json answers a security filter chain writes itself (401, 403: before MVC, so before
 * {@code i18n.ProblemTexts}), in the request's language: texts from the bundles ({@code messages-problems}), the
 * locale from the application's {@link LocaleResolver} (the user's choice, else {@code Accept-Language}). Used by the
 * users' chain ({@code auth.SecurityConfiguration}) and the operators' ({@code admin.console.AdminApiRefusals}).
 */
@Component
public final class ChainProblems {

    private final MessageSource messages;
    private final ObjectProvider<LocaleResolver> locales;

    public ChainProblems(MessageSource messages, ObjectProvider<LocaleResolver> locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /** Writes a problem titled by its status ({@code problem.status.<code>}) with the text of {@code detailKey}. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String detailKey)
            throws IOException {
        write(request, response, status, "problem.status." + status, detailKey, null);
    }

    /**
     * Writes a problem with the texts of {@code titleKey} and {@code detailKey}, and one more member when
     * {@code member} is given (a constant of the caller's, such as {@code "mfaEnrolmentRequired":true}).
     */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String titleKey, String detailKey,
                      @Nullable String member) throws IOException {
        Locale locale = locales.getIfAvailable(AcceptHeaderLocaleResolver::new).resolveLocale(request);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + text(titleKey, locale)
                + "\",\"status\":" + status + ",\"detail\":\"" + text(detailKey, locale) + "\""
                + (member == null ? "" : "," + member) + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** A bundle text as the inside of a JSON string (the texts hold no control characters). */
    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale).replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

package org.vaultmail.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Texts and problem+json answers written before MVC (so before {@code i18n.ProblemTexts} and without a locale
 * context), in the request's language: texts from the bundles, the locale from the application's {@link LocaleResolver}
 * asked directly (the user's choice, else {@code Accept-Language}). Used by the security chains' own 401/403
 * ({@code auth.SecurityConfiguration}, {@code auth.MfaEnrolmentGate}, {@code admin.console.AdminApiRefusals}),
 * Tomcat's error report ({@link ProblemErrorReportValve}) and the console's busy page.
 */
@Component
public final class ChainProblems {

    private final MessageSource messages;
    private final ObjectProvider<LocaleResolver> locales;

    public ChainProblems(MessageSource messages, ObjectProvider<LocaleResolver> locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /** The application's locale for this request; English when it cannot be made (a request Tomcat half parsed). */
    public Locale locale(HttpServletRequest request) {
        try {
            return locales.getIfAvailable(AcceptHeaderLocaleResolver::new).resolveLocale(request);
        } catch (RuntimeException e) {
            return Locale.ENGLISH;
        }
    }

    /** The text of {@code key} in {@code locale}, {@code fallback} if the bundles lack it. */
    public String text(String key, @Nullable Object[] arguments, Locale locale, String fallback) {
        return messages.getMessage(key, arguments, fallback, locale);
    }

    /** Writes a problem titled by its status ({@code problem.status.<code>}) with the text of {@code detailKey}. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String detailKey)
            throws IOException {
        write(request, response, status, null, detailKey, null);
    }

    /**
     * Writes a problem with the texts of {@code titleKey} (null: the status's title) and {@code detailKey}, and one more
     * member when {@code member} is given (a constant of the caller's, such as {@code "mfaEnrolmentRequired":true}).
     */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, @Nullable String titleKey,
                      String detailKey, @Nullable String member) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(problem(request, status, titleKey, detailKey, member).getBytes(StandardCharsets.UTF_8));
    }

    /** The problem+json body {@link #write} writes, for a caller that has its own writer. */
    public String problem(HttpServletRequest request, int status, @Nullable String titleKey, String detailKey,
                          @Nullable String member) {
        Locale locale = locale(request);
        HttpStatus known = HttpStatus.resolve(status);
        String title = titleKey != null ? text(titleKey, null, locale, titleKey)
                : text("problem.status." + status, null, locale, known == null ? "Error" : known.getReasonPhrase());
        return "{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + json(text(detailKey, null, locale, detailKey)) + "\""
                + (member == null ? "" : "," + member) + "}";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }
}

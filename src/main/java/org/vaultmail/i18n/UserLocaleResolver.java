package org.vaultmail.i18n;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.vaultmail.auth.AuthenticatedSession;

/**
 * The request's locale: a signed-in user's chosen language, else the best supported match of {@code Accept-Language},
 * else English. Operators and API keys have no stored choice: their requests follow the header.
 */
final class UserLocaleResolver implements LocaleResolver {

    private final UserLanguages languages;

    UserLocaleResolver(UserLanguages languages) {
        this.languages = languages;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AuthenticatedSession me) {
            var chosen = languages.chosen(me.userId());
            if (chosen.isPresent()) return chosen.get();
        }
        return Languages.forAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        throw new UnsupportedOperationException("The language is chosen in Settings (UserLanguages), not per request");
    }
}

package org.vaultmail.i18n;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Problem details in the request's language: a title or detail that is a message key ({@code problem.…}) is replaced
 * by its text, just before the body is written. Features name keys where they build a problem and need no message
 * source; anything else (an exception's own message) is left as it is. A title that is still the status's English
 * reason phrase (what {@code ProblemDetail} and Spring MVC's own exceptions put there: "Not Found", "Too Many
 * Requests") becomes {@code problem.status.<code>}: one place for every controller, where Spring's
 * {@code problemDetail.title.<exception class>} codes would cover only the exceptions its handler maps.
 */
@RestControllerAdvice
class ProblemTexts implements ResponseBodyAdvice<Object> {

    private static final Pattern KEY = Pattern.compile("problem\\.[A-Za-z0-9_.-]+");

    private final MessageSource messages;

    ProblemTexts(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
                                            Class<? extends HttpMessageConverter<?>> converterType,
                                            ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            Locale locale = LocaleContextHolder.getLocale();
            problem.setTitle(statusTitle(text(problem.getTitle(), locale), problem.getStatus(), locale));
            problem.setDetail(text(problem.getDetail(), locale));
        }
        return body;
    }

    /** Spring's default title (the status's reason phrase) in the request's language, if the bundles have it. */
    private @Nullable String statusTitle(@Nullable String title, int status, Locale locale) {
        HttpStatus known = HttpStatus.resolve(status);
        if (title == null || known == null || !title.equals(known.getReasonPhrase())) return title;
        return messages.getMessage("problem.status." + status, null, title, locale);
    }

    private @Nullable String text(@Nullable String keyOrText, Locale locale) {
        if (keyOrText == null || !KEY.matcher(keyOrText).matches()) return keyOrText;
        return messages.getMessage(keyOrText, null, keyOrText, locale);
    }
}

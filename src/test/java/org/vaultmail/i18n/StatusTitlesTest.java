package org.vaultmail.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.vaultmail.testing.Bundles;
import org.vaultmail.testing.ProblemAssertions;

/**
 * Spring's default problem titles (the status's reason phrase) in the request's language: the English texts are the
 * reason phrases themselves, so an English answer stays as Spring wrote it; an own title is left alone.
 */
class StatusTitlesTest {

    private final ProblemTexts texts = new ProblemTexts(ProblemAssertions.messages());

    @Test
    void everyEnglishStatusTitleIsSpringsReasonPhrase() {
        Properties english = Bundles.read(Bundles.file("messages-problems", ""));
        english.stringPropertyNames().stream().filter(k -> k.startsWith("problem.status.")).forEach(key ->
                assertThat(english.getProperty(key)).as(key)
                        .isEqualTo(HttpStatus.valueOf(Integer.parseInt(key.substring("problem.status.".length()))).getReasonPhrase()));
    }

    @Test
    void aDefaultTitleIsInTheRequestsLanguageAndAnOwnTitleIsLeftAlone() {
        assertThat(title(ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS), Locale.GERMAN)).isEqualTo("Zu viele Anfragen");
        assertThat(title(ProblemDetail.forStatus(HttpStatus.NOT_FOUND), Locale.FRENCH)).isEqualTo("Introuvable");
        assertThat(title(ProblemDetail.forStatus(HttpStatus.NOT_FOUND), Locale.ENGLISH)).isEqualTo("Not Found");
        ProblemDetail own = ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
        own.setTitle("Webhook not found");
        assertThat(title(own, Locale.GERMAN)).isEqualTo("Webhook not found");
    }

    private String title(ProblemDetail problem, Locale locale) {
        LocaleContextHolder.setLocale(locale);
        try {
            return ((ProblemDetail) texts.beforeBodyWrite(problem, null, null, null, null, null)).getTitle();
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}

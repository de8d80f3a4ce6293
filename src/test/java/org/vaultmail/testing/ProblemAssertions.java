package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Checks an {@code application/problem+json} answer word for word: status, title, detail, no type of its own, no extra
 * members. A handler called directly names its fixed texts by key ({@code problem.…}, put into the request's language
 * when the body is written, ADR 0052): such a key is read in English from the bundles before comparing.
 */
public final class ProblemAssertions {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasenames(Bundles.baseNames().toArray(String[]::new));
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
    }

    private ProblemAssertions() {}

    /** The application's bundles as a message source, for handlers a test builds itself. */
    public static MessageSource messages() {
        return MESSAGES;
    }

    /** The English text of a {@code problem.…} key, else the text itself. */
    public static @Nullable String english(@Nullable String keyOrText) {
        if (keyOrText == null || !keyOrText.matches("problem\\.[A-Za-z0-9_.-]+")) return keyOrText;
        return MESSAGES.getMessage(keyOrText, null, keyOrText, Locale.ENGLISH);
    }

    /** The English text of any bundle key (a page's notice named by key, ADR 0052). */
    public static String englishText(String key) {
        return MESSAGES.getMessage(key, null, Locale.ENGLISH);
    }

    public static void assertProblem(ResponseEntity<ProblemDetail> answer, int status, String title, String detail) {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        ProblemDetail problem = answer.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(english(problem.getTitle())).isEqualTo(title);
        assertThat(english(problem.getDetail())).isEqualTo(detail);
        assertThat(problem.getType()).as("no type of its own (about:blank)").isNull();
        assertThat(problem.getProperties()).isNullOrEmpty();
    }
}

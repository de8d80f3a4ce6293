package org.vaultmail.organise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.testing.Await;

/**
 * A failed bulk job's {@code error} in {@code GET /api/v1/jobs/{id}} is in the reader's language when Vaultmail wrote
 * it (a refusal with a message key, or the "stopped unexpectedly" text), and the mail server's own words as they are.
 * Before session 12 the job kept the English message, so every reader got English.
 */
class JobFailureTextTest {

    private final Jobs jobs = new Jobs(new StaticListableBeanFactory().getBeanProvider(java.time.Clock.class));
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    JobFailureTextTest() {
        messages.setBasenames("messages-problems", "messages-input");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    @AfterEach
    void stop() {
        jobs.destroy();
    }

    @Test
    void aKeyedRefusalIsShownInTheReadersLanguage() {
        Job.Snapshot failed = failedWith(job -> { throw InputRefused.of("input.organise.action"); });

        assertThat(error(failed, Locale.GERMAN))
                .isEqualTo("action muss seen, unseen, flag, unflag, move, copy, delete, archive oder junk sein");
        assertThat(error(failed, Locale.ENGLISH))
                .isEqualTo("action must be one of seen, unseen, flag, unflag, move, copy, delete, archive, junk");
    }

    @Test
    void anUnexpectedStopIsShownInTheReadersLanguage() {
        Job.Snapshot failed = failedWith(job -> { throw new IllegalStateException("a bug"); });

        assertThat(error(failed, Locale.FRENCH))
                .isEqualTo("L’action s’est arrêtée de façon inattendue ; certains messages ont peut-être déjà été traités.");
        assertThat(error(failed, Locale.ENGLISH)).doesNotContain("a bug");
    }

    @Test
    void theMailServersOwnWordsStayAsTheyAre() {
        Job.Snapshot failed = failedWith(job -> {
            throw new MailStoreException(MailStoreException.Reason.REFUSED, "NO [OVERQUOTA] Quota exceeded");
        });

        assertThat(error(failed, Locale.GERMAN)).isEqualTo("NO [OVERQUOTA] Quota exceeded");
    }

    private Job.Snapshot failedWith(Function<Job, Outcome> work) {
        Job job = jobs.start("session-1", Action.MOVE, 10, work);
        return Await.until("the job fails", Duration.ofSeconds(10), job::snapshot, s -> s.state() == Job.State.FAILED);
    }

    private String error(Job.Snapshot failed, Locale locale) {
        return OrganiseApiController.JobView.of(failed, messages, locale).error();
    }
}

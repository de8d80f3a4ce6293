package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.vaultmail.testing.ProblemAssertions.assertProblem;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.vaultmail.i18n.UserText;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.SendException;
import org.vaultmail.testing.ProblemAssertions;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * The compose API's answers to mail store failures, pinned word for word (its titles are coarser than reading's), and
 * its refusals in the request's language with their English kept for logs.
 */
class ComposeProblemsTest {

    private final ComposeProblems problems = new ComposeProblems(ProblemAssertions.messages());

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NOT_FOUND         | 404 | Not found           | No draft 7
            WRONG_CREDENTIALS | 401 | Mail server problem | No draft 7
            UNAVAILABLE       | 503 | Mail server problem | No draft 7
            REFUSED           | 502 | Mail server problem | No draft 7
            EXISTS            | 409 | Conflict            | No draft 7
            PROTECTED         | 409 | Conflict            | No draft 7
            """)
    void mailStoreFailureBecomesItsProblem(Reason reason, int status, String title, String detail) {
        assertProblem(problems.mail(new MailStoreException(reason, "No draft 7")), status, title, detail);
    }

    @Test
    void aSizeLimitIsToldInTheRequestsLanguageWithTheSizeWrittenThere() {
        TooLargeException e = new TooLargeException("attachments[0]",
                UserText.of("problem.compose.fileTooLarge", "report.pdf", new UserText.Size(1572864)), 1572864);
        assertThat(e.getMessage()).as("logs and English stay as they were").isEqualTo("report.pdf is larger than 1.5 MB");
        ProblemDetail french = in(Locale.FRENCH, () -> problems.tooLarge(e).getBody());
        assertThat(french.getDetail()).isEqualTo("report.pdf dépasse 1,5 Mo");
        assertThat(french.getProperties()).containsEntry("field", "attachments[0]").containsEntry("limit", 1572864L);
        assertThat(ProblemAssertions.messages().getMessage(french.getTitle(), null, Locale.FRENCH)).isEqualTo("Trop volumineux");
        ProblemDetail german = in(Locale.GERMAN, () -> problems.tooManyUploads(new TooManyUploadsException(3)).getBody());
        assertThat(german.getDetail()).isEqualTo(
                "Sie haben bereits 3 laufende Uploads. Bitte warten Sie, bis einer abgeschlossen ist, und versuchen Sie es dann erneut.");
    }

    @Test
    void aRefusedAddressIsToldInTheRequestsLanguageAndStaysEnglishInTheLog() {
        ComposeException e = catchThrowableOfType(ComposeException.class, () -> Recipients.one("to[1]", "bob at example"));
        assertThat(e.getMessage()).as("logs and English stay as they were").isEqualTo("to[1] is not a valid mail address: bob at example");
        ProblemDetail german = in(Locale.GERMAN, () -> problems.invalid(e).getBody());
        assertThat(german.getDetail()).isEqualTo("to[1] ist keine gültige E-Mail-Adresse: bob at example");
        assertThat(german.getProperties()).containsEntry("field", "to[1]");
        assertThat(text(german.getTitle(), Locale.GERMAN)).isEqualTo("Ungültige Nachricht");
        ProblemDetail french = in(Locale.FRENCH, () -> problems.invalid(e).getBody());
        assertThat(french.getDetail()).isEqualTo("to[1] n’est pas une adresse e-mail valide : bob at example");
    }

    @Test
    void aCancelledSendIsToldInTheRequestsLanguage() {
        SendCancelledException e = new SendCancelledException(UserText.of("problem.compose.cancelled"));
        assertThat(e.getMessage()).isEqualTo("Sending was cancelled; the message is still in Drafts");
        ProblemDetail french = in(Locale.FRENCH, () -> problems.cancelled(e).getBody());
        assertThat(french.getDetail()).isEqualTo("L’envoi a été annulé ; le message est toujours dans les Brouillons");
        assertThat(text(french.getTitle(), Locale.FRENCH)).isEqualTo("Non envoyé");
        ProblemDetail german = in(Locale.GERMAN, () -> problems.cancelled(e).getBody());
        assertThat(german.getDetail()).isEqualTo("Das Senden wurde abgebrochen; die Nachricht liegt weiterhin in den Entwürfen");
        assertThat(text(german.getTitle(), Locale.GERMAN)).isEqualTo("Nicht gesendet");
    }

    @Test
    void aRefusedSmtpLoginIsNamedByKeysForTheRequestsLanguage() {
        ProblemDetail problem = problems.send(new SendException(SendException.Reason.AUTH_FAILED, "535 5.7.8 rejected")).getBody();
        assertThat(ProblemAssertions.english(problem.getTitle())).isEqualTo("SMTP login refused");
        assertThat(text(problem.getTitle(), Locale.GERMAN)).isEqualTo("SMTP-Anmeldung abgelehnt");
        assertThat(text(problem.getDetail(), Locale.FRENCH))
                .isEqualTo("Votre serveur de messagerie a refusé la connexion SMTP de cette session ; vérifiez vos paramètres SMTP.");
        assertThat(problem.getProperties()).containsEntry("field", "smtp");
    }

    private static String text(String key, Locale locale) {
        return ProblemAssertions.messages().getMessage(key, null, locale);
    }

    private static <T> T in(Locale locale, java.util.function.Supplier<T> call) {
        LocaleContextHolder.setLocale(locale);
        try {
            return call.get();
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}

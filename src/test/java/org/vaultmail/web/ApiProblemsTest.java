package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.testing.ProblemAssertions.assertProblem;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.vault.VaultException;

/** The problem+json answers every JSON API shares: each mail store failure, unopenable credentials, bad input. */
class ApiProblemsTest {

    private final ApiProblems problems = new ApiProblems() {};

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NOT_FOUND         | 404 | Not found                         | No folder Archive/2023
            WRONG_CREDENTIALS | 401 | Mail server refused your password | Your mail server no longer accepts the password of this session; sign in again.
            UNAVAILABLE       | 503 | Mail server unavailable           | Your mail server did not answer. Please try again in a moment.
            REFUSED           | 502 | Mail server refused the request   | No folder Archive/2023
            EXISTS            | 409 | Folder exists                     | No folder Archive/2023
            PROTECTED         | 409 | Special folder                    | No folder Archive/2023
            """)
    void everyMailStoreFailureHasItsStatusTitleAndDetail(Reason reason, int status, String title, String detail) {
        MailStoreException e = new MailStoreException(reason, "No folder Archive/2023");

        assertProblem(ApiProblems.mailStore(e, UnaryOperator.identity()), status, title, detail);
        assertThat(ApiProblems.status(reason).value()).isEqualTo(status);
    }

    @Test
    void onlyNotFoundGoesThroughTheNotFoundHook() {
        UnaryOperator<String> hint = message -> message + ". It may have been moved or deleted.";

        assertProblem(ApiProblems.mailStore(new MailStoreException(Reason.NOT_FOUND, "No message 7 in INBOX"), hint),
                404, "Not found", "No message 7 in INBOX. It may have been moved or deleted.");
        Arrays.stream(Reason.values()).filter(r -> r != Reason.NOT_FOUND).forEach(reason -> {
            MailStoreException e = new MailStoreException(reason, "No message 7 in INBOX");
            assertThat(ApiProblems.mailStore(e, hint).getBody().getDetail()).doesNotContain("moved or deleted");
        });
    }

    @Test
    void unopenableSessionCredentialsAskToSignInAgainWithoutTheVaultMessage() {
        assertProblem(problems.sessionCredentials(new VaultException("no unseal secret for session 42")), 401, "Sign in again",
                "This session can no longer open your mail credentials (it ended, or this client lacks its unseal secret); sign in again.");
    }

    @Test
    void illegalArgumentIsABadRequestWithItsMessage() {
        assertProblem(problems.badRequest(new IllegalArgumentException("sort must be one of date, from, subject")), 400,
                "Bad request", "sort must be one of date, from, subject");
    }
}

package org.vaultmail.compose;

import static org.vaultmail.testing.ProblemAssertions.assertProblem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/** The compose API's answers to mail store failures, pinned word for word (its titles are coarser than reading's). */
class ComposeProblemsTest {

    private final ComposeProblems problems = new ComposeProblems();

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
}

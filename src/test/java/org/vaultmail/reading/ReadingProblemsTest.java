package org.vaultmail.reading;

import static org.vaultmail.testing.ProblemAssertions.assertProblem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/** The reading API's answers to mail store failures, pinned word for word (clients and the OpenAPI examples show them). */
class ReadingProblemsTest {

    private final ReadingProblems problems = new ReadingProblems();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NOT_FOUND         | 404 | Not found                         | No message 7 in INBOX. It may have been moved or deleted.
            WRONG_CREDENTIALS | 401 | Mail server refused your password | Your mail server no longer accepts the password of this session; sign in again.
            UNAVAILABLE       | 503 | Mail server unavailable           | Your mail server did not answer. Please try again in a moment.
            REFUSED           | 502 | Mail server refused the request   | No message 7 in INBOX
            EXISTS            | 409 | Folder exists                     | No message 7 in INBOX
            PROTECTED         | 409 | Special folder                    | No message 7 in INBOX
            """)
    void mailStoreFailureBecomesItsProblem(Reason reason, int status, String title, String detail) {
        assertProblem(problems.mail(new MailStoreException(reason, "No message 7 in INBOX")), status, title, detail);
    }
}

package org.vaultmail.organise;

import static org.vaultmail.testing.ProblemAssertions.assertProblem;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/** What the organising API adds to the shared problems ({@code ApiProblemsTest}), pinned word for word. */
class OrganiseProblemsTest {

    private final OrganiseProblems problems = new OrganiseProblems();

    @Test
    void unknownFolderDetailIsTheMessageAlone() {
        assertProblem(problems.mail(new MailStoreException(Reason.NOT_FOUND, "No folder Archive/2023")), 404, "Not found",
                "No folder Archive/2023");
    }

    @Test
    void folderThatExistsIsAConflict() {
        assertProblem(problems.mail(new MailStoreException(Reason.EXISTS, "Archive/2023 exists")), 409, "Folder exists",
                "Archive/2023 exists");
    }

    @Test
    void secondBulkActionIsBusy() {
        assertProblem(problems.busy(new BulkActionBusyException()), 409, "Busy", "Another bulk action is still running; wait for it to finish.");
    }
}

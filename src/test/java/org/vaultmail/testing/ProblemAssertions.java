package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Checks an {@code application/problem+json} answer word for word: status, title, detail, no type of its own, no extra members. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static void assertProblem(ResponseEntity<ProblemDetail> answer, int status, String title, String detail) {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        ProblemDetail problem = answer.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getTitle()).isEqualTo(title);
        assertThat(problem.getDetail()).isEqualTo(detail);
        assertThat(problem.getType()).as("no type of its own (about:blank)").isNull();
        assertThat(problem.getProperties()).isNullOrEmpty();
    }
}

package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.AppProcess;

/**
 * {@code doctor} against PostgreSQL configured the production way: {@code VAULTMAIL_DB_URL},
 * {@code VAULTMAIL_DB_USER} and the password from {@code VAULTMAIL_DB_PASSWORD_FILE}. Uses
 * {@code VAULTMAIL_TEST_DB_URL/USER/PASSWORD} (set by {@code .ci/run}); skipped when that database cannot
 * be reached, unless {@code VAULTMAIL_REQUIRE_ALL} is set.
 */
class DoctorPostgresTest {

    private static final String URL = Objects.requireNonNullElse(System.getenv("VAULTMAIL_TEST_DB_URL"),
            "jdbc:postgresql://127.0.0.1:5432/vaultmail_test");
    private static final String USER = Objects.requireNonNullElse(System.getenv("VAULTMAIL_TEST_DB_USER"), "vaultmail");
    private static final String PASSWORD = Objects.requireNonNullElse(System.getenv("VAULTMAIL_TEST_DB_PASSWORD"), "vaultmail");

    @TempDir
    Path dir;

    @Test
    void doctorReachesPostgresWithThePasswordFromAFile() throws Exception {
        try (var connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            assertThat(connection.isValid(3)).isTrue();
        } catch (SQLException e) {
            if (System.getenv("VAULTMAIL_REQUIRE_ALL") != null) throw e;
            Assumptions.abort("PostgreSQL test database not reachable (" + URL + "): " + e.getMessage());
        }
        Path passwordFile = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");

        AppProcess.Result result = AppProcess.run(Duration.ofSeconds(90),
                Map.of("VAULTMAIL_DB_URL", URL, "VAULTMAIL_DB_USER", USER,
                        "VAULTMAIL_DB_PASSWORD_FILE", passwordFile.toString()),
                "doctor", "--data-dir", dir.resolve("data").toString());

        assertThat(result.output()).containsPattern("Database\n  \\[ ok ] reachable: PostgreSQL [0-9]+")
                .containsPattern("\\[ ok ] [1-9][0-9]* migration\\(s\\) applied");
        assertThat(DoctorCommandTest.sections(result.output(), "Database")).doesNotContain("[FAIL]");
        DoctorCommandTest.assertExitCodeMatchesFindings(result);
    }
}

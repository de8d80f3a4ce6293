package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.AppProcess;

/**
 * {@code doctor} against PostgreSQL configured the production way: {@code VAULTMAIL_DB_URL},
 * {@code VAULTMAIL_DB_USER} and the password from {@code VAULTMAIL_DB_PASSWORD_FILE}, in a fresh schema of
 * the test database ({@code VAULTMAIL_TEST_PG_URL}/{@code _USER}, default the machine's trust-auth
 * {@code test} database as user postgres). Skipped when PostgreSQL cannot be reached, unless
 * {@code VAULTMAIL_REQUIRE_ALL=1}.
 */
class DoctorPostgresTest {

    private static final String URL = envOr("VAULTMAIL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = envOr("VAULTMAIL_TEST_PG_USER", "postgres");
    private static final String PASSWORD = envOr("VAULTMAIL_TEST_PG_PASSWORD", "");

    @TempDir
    Path dir;

    @Test
    void doctorReachesPostgresWithThePasswordFromAFile() throws Exception {
        String schema = "doctor_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = connect()) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
        try {
            Path passwordFile = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");

            AppProcess.Result result = AppProcess.run(Duration.ofSeconds(90),
                    Map.of("VAULTMAIL_DB_URL", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                            "VAULTMAIL_DB_USER", USER, "VAULTMAIL_DB_PASSWORD_FILE", passwordFile.toString()),
                    "doctor", "--data-dir", dir.resolve("data").toString());

            assertThat(result.output()).containsPattern("Database\n  \\[ ok ] reachable: PostgreSQL [0-9]+")
                    .containsPattern("\\[ ok ] [1-9][0-9]* migration\\(s\\) applied");
            assertThat(DoctorCommandTest.sections(result.output(), "Database")).doesNotContain("[FAIL]");
            DoctorCommandTest.assertExitCodeMatchesFindings(result);
        } finally {
            try (Connection connection = connect()) {
                connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(3);
        try {
            return DriverManager.getConnection(URL, USER, PASSWORD);
        } catch (SQLException e) {
            if ("1".equals(System.getenv("VAULTMAIL_REQUIRE_ALL"))) throw e;
            Assumptions.abort("requires PostgreSQL at " + URL + " (user " + USER + "): " + e.getMessage());
            throw e;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

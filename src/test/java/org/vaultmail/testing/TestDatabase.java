package org.vaultmail.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database for one test: a fresh H2 file under a temp data directory, or a freshly created
 * schema {@code vm_<random>} in the local PostgreSQL (database {@code test}), dropped on close,
 * so concurrent runs never collide. {@link #springArgs()} points a Vaultmail context at it.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { H2, POSTGRES }

    public static final String POSTGRES_URL = envOr("VAULTMAIL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = envOr("VAULTMAIL_TEST_PG_USER", "postgres");
    private static @Nullable Boolean postgresReachable;

    private final Kind kind;
    private final Path dataDir;
    private final @Nullable String schema;
    private @Nullable SingleConnectionDataSource dataSource;

    private TestDatabase(Kind kind, Path dataDir, @Nullable String schema) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.schema = schema;
    }

    /** {@code dataDir} also holds the generated root keyset, so contexts sharing it are nodes of one installation. */
    public static TestDatabase create(Kind kind, Path dataDir) {
        return switch (kind) {
            case H2 -> new TestDatabase(Kind.H2, dataDir, null);
            case POSTGRES -> {
                Requirements.require(postgresReachable(), "PostgreSQL at " + POSTGRES_URL + " (user " + POSTGRES_USER + ")");
                yield new TestDatabase(Kind.POSTGRES, dataDir,
                        "vm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
            }
        };
    }

    public Kind kind() {
        return kind;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return switch (kind) {
            case H2 -> "jdbc:h2:file:" + dataDir.resolve("vaultmail").toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            case POSTGRES -> POSTGRES_URL + "?currentSchema=" + schema;
        };
    }

    /** Command-line style properties for a Vaultmail context (or child JVM) on this database. */
    public List<String> springArgs() {
        List<String> args = new ArrayList<>();
        args.add("--vaultmail.data-dir=" + dataDir.toAbsolutePath());
        if (kind == Kind.POSTGRES) {
            args.add("--vaultmail.db.url=" + jdbcUrl());
            args.add("--vaultmail.db.user=" + POSTGRES_USER);
            args.add("--spring.flyway.schemas=" + schema);
        }
        return args;
    }

    /** Plain JDBC on the same database, for seeding and inspecting rows behind the application's back. */
    public synchronized JdbcTemplate jdbc() {
        if (dataSource == null) {
            dataSource = new SingleConnectionDataSource(jdbcUrl(), kind == Kind.H2 ? "sa" : POSTGRES_USER, "", true);
        }
        return new JdbcTemplate(dataSource);
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.destroy();
            dataSource = null;
        }
        if (kind == Kind.POSTGRES) {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + schema, e);
            }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.H2 ? "H2" : "PostgreSQL";
    }

    static synchronized boolean postgresReachable() {
        if (postgresReachable == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
                postgresReachable = c.isValid(3);
            } catch (SQLException e) {
                postgresReachable = false;
            }
        }
        return postgresReachable;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

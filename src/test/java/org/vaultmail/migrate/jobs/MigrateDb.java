package org.vaultmail.migrate.jobs;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.testing.TestDatabase;

/** A migrated test database (H2 file or a fresh PostgreSQL schema) with a small pool: one "node"'s JDBC. */
final class MigrateDb implements AutoCloseable {

    final TestDatabase db;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate tx;

    MigrateDb(TestDatabase.Kind kind, Path dir) {
        db = TestDatabase.create(kind, dir);
        dataSource = pool(db);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (kind == TestDatabase.Kind.POSTGRES) flyway.schemas(schema(db));
        flyway.load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Another pool on the same database (a second node). */
    static HikariDataSource pool(TestDatabase db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.jdbcUrl());
        ds.setUsername(db.kind() == TestDatabase.Kind.H2 ? "sa" : TestDatabase.POSTGRES_USER);
        ds.setPassword("");
        ds.setMaximumPoolSize(4);
        return ds;
    }

    static String schema(TestDatabase db) {
        return db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length());
    }

    @Override
    public void close() {
        dataSource.close();
        db.close();
    }
}

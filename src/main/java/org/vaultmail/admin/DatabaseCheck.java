package org.vaultmail.admin;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The database answers, and every Flyway migration has been applied. */
@Component
class DatabaseCheck implements DoctorCheck {

    private final DataSource dataSource;
    private final ObjectProvider<Flyway> flyway;

    DatabaseCheck(DataSource dataSource, ObjectProvider<Flyway> flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    @Override
    public String topic() {
        return "Database";
    }

    @Override
    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            findings.add(Finding.ok("reachable: " + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()
                    + (connection.isValid(3) ? "" : " (but not answering)")));
        } catch (SQLException e) {
            return List.of(Finding.fail("cannot connect: " + CommandLineInterface.describe(e)));
        }
        Flyway migrations = flyway.getIfAvailable();
        if (migrations == null) {
            findings.add(Finding.warn("Flyway is not configured: cannot tell which migrations are applied"));
            return findings;
        }
        MigrationInfoService info = migrations.info();
        int applied = info.applied().length;
        int pending = info.pending().length;
        String current = info.current() == null ? "none" : String.valueOf(info.current().getVersion());
        if (pending == 0) {
            findings.add(Finding.ok(applied + " migration(s) applied, schema version " + current));
        } else {
            findings.add(Finding.fail(applied + " migration(s) applied, " + pending + " pending (schema version " + current + ")"));
        }
        return findings;
    }
}

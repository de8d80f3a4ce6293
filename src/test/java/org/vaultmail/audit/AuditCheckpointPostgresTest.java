package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;

/**
 * PostgreSQL deployed as ADR 0028 advises: Flyway migrates as the schema owner, the application connects
 * as its own role with ordinary table privileges (even DELETE on audit_entry, as a careless GRANT ALL would
 * give). That role cannot purge behind the chain's back, and the retention purge still works through
 * {@code vaultmail_audit_purge}.
 */
@Tag("postgres")
class AuditCheckpointPostgresTest extends AuditCheckpointContract {

    private String appRole;

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @AfterEach
    void dropAppRole() throws SQLException {
        if (appRole == null) return;
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        db.close();
        db = null;
        try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP OWNED BY " + appRole);
            s.execute("DROP ROLE " + appRole);
        }
    }

    /** A node whose own connections use a role that owns nothing; migrations run as the owner (postgres here). */
    ConfigurableApplicationContext nodeWithOwnRole() throws SQLException {
        String url = db.jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        appRole = schema + "_app";
        try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE ROLE " + appRole + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB");
            s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + appRole);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + TestDatabase.POSTGRES_USER + " IN SCHEMA " + schema
                    + " GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO " + appRole);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + TestDatabase.POSTGRES_USER + " IN SCHEMA " + schema
                    + " GRANT USAGE, SELECT ON SEQUENCES TO " + appRole);
        }
        List<String> args = new ArrayList<>();
        for (String a : db.springArgs()) if (!a.startsWith("--vaultmail.db.user=")) args.add(a);
        args.addAll(List.of("--vaultmail.db.user=" + appRole, "--spring.flyway.url=" + url,
                "--spring.flyway.user=" + TestDatabase.POSTGRES_USER, "--spring.flyway.password=",
                "--vaultmail.scheduling.enabled=false", "--logging.level.root=warn", "--vaultmail.vault.retire-settle-ms=0"));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(VaultmailApplication.class, TestClock.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    @Test
    void theApplicationsRoleCannotDeleteEntriesEvenWithThePurgeFlagNorSwitchTheGuardOff() throws Exception {
        var node = nodeWithOwnRole();
        append(node, 5);
        JdbcTemplate app = node.getBean(JdbcTemplate.class);
        assertThat(app.queryForObject("SELECT current_user", String.class)).isEqualTo(appRole);

        assertThatThrownBy(() -> app.execute((ConnectionCallback<Object>) c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('vaultmail.audit_purge', 'on', true)"); // the flag V22's trigger trusted
                return s.executeUpdate("DELETE FROM audit_entry WHERE seq >= 4");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        })).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.execute("TRUNCATE audit_entry")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
                .rootCause().hasMessageContaining("must be owner");
        assertThatThrownBy(() -> app.update("UPDATE audit_chain SET last_seq = 3")).rootCause().hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> app.update("UPDATE audit_chain SET first_seq = 4")).rootCause().hasMessageContaining("vaultmail_audit_purge");
        assertThatThrownBy(() -> app.queryForObject("SELECT vaultmail_audit_purge(5, 3, NULL)", Long.class))
                .as("the function cuts only what an audit.purge entry at the head names")
                .rootCause().hasMessageContaining("is not an audit.purge entry at the chain head");

        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class)).isEqualTo(5);
        assertThat(log(node).verify().ok()).isTrue();
    }

    @Test
    void aRetentionPurgeByTheApplicationsRoleGoesThroughTheFunctionAndIsRecordedInTheChain() throws Exception {
        var node = nodeWithOwnRole();
        MutableClock clock = node.getBean(MutableClock.class);
        append(node, 40);
        clock.advance(Duration.ofDays(200));
        append(node, 10);
        clock.advance(Duration.ofDays(200));

        assertThat(log(node).purgeExpired()).isEqualTo(40);

        ChainVerification v = log(node).verify();
        assertThat(v.ok()).as("%s", v.broken()).isTrue();
        assertThat(v.firstSeq()).isEqualTo(41);
        assertThat(v.checkpoints()).isEqualTo(1);
        assertThat(db.jdbc().queryForObject("SELECT details FROM audit_entry WHERE seq = 51 AND action = 'audit.purge'", String.class))
                .contains("\"from_seq\":1", "\"through_seq\":40");
        append(node, 3);
        assertThat(log(node).verify().ok()).isTrue();
    }
}

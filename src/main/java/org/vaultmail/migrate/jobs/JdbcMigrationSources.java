package org.vaultmail.migrate.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.ServerChoice;

/**
 * {@link MigrationSources} on {@code migration_sources}: the operator's list, validated like the mail domains
 * ({@code plain} only for a loopback host), audited as {@code migration.source.saved} / {@code .removed}.
 */
final class JdbcMigrationSources implements MigrationSources {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,253}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MailServerDirectory directory;
    private final MigrationEvents events;
    private final Clock clock;

    JdbcMigrationSources(JdbcTemplate jdbc, TransactionTemplate tx, MailServerDirectory directory, MigrationEvents events,
                         Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<MigrationSource> list() {
        return jdbc.query("SELECT name, host, port, security, trust_store FROM migration_sources ORDER BY name",
                (rs, n) -> source(rs));
    }

    @Override
    public Optional<MigrationSource> find(String name) {
        return jdbc.query("SELECT name, host, port, security, trust_store FROM migration_sources WHERE LOWER(name) = ?",
                (rs, n) -> source(rs), name.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    @Override
    public MigrationSource save(MigrationSource source, String operator) throws MigrationRefused {
        List<UserText> problems = problems(source);
        if (!problems.isEmpty()) throw new MigrationRefused("invalid_options", problems);
        tx.executeWithoutResult(s -> {
            String trust = source.trustStore() == null ? null : source.trustStore().toString();
            int n = jdbc.update("UPDATE migration_sources SET host = ?, port = ?, security = ?, trust_store = ? WHERE LOWER(name) = ?",
                    source.host(), source.port(), label(source.security()), trust, source.name().toLowerCase(Locale.ROOT));
            if (n == 0) {
                jdbc.update("""
                        INSERT INTO migration_sources (name, host, port, security, trust_store, created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", source.name(), source.host(), source.port(),
                        label(source.security()), trust, Times.at(clock.instant()), operator);
            }
            events.source("migration.source.saved", operator, source.name(), Map.of("host", source.host(),
                    "port", source.port(), "security", label(source.security())));
        });
        return find(source.name()).orElseThrow();
    }

    @Override
    public boolean remove(String name, String operator) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            boolean removed = jdbc.update("DELETE FROM migration_sources WHERE LOWER(name) = ?", name.toLowerCase(Locale.ROOT)) == 1;
            if (removed) events.source("migration.source.removed", operator, name, Map.of());
            return removed;
        }));
    }

    @Override
    public List<ServerChoice> choices() {
        List<ServerChoice> out = new ArrayList<>();
        for (MailServers s : directory.all()) {
            if (s.domain().equals("*")) continue;
            out.add(new ServerChoice(s.domain(), "domain", s.imap().host(), s.imap().port(), label(s.imap().security())));
        }
        for (MigrationSource s : list()) {
            out.add(new ServerChoice(s.name(), "source", s.host(), s.port(), label(s.security())));
        }
        return out;
    }

    private List<UserText> problems(MigrationSource s) {
        List<UserText> problems = new ArrayList<>();
        if (!NAME.matcher(s.name()).matches()) problems.add(UserText.of("problem.source.name"));
        boolean domain = directory.all().stream().anyMatch(d -> d.domain().equalsIgnoreCase(s.name()));
        if (domain) problems.add(UserText.of("problem.source.domain", s.name()));
        if (!HOST.matcher(s.host()).matches()) problems.add(UserText.of("problem.source.host"));
        if (s.port() < 1 || s.port() > 65535) problems.add(UserText.of("problem.source.port", String.valueOf(s.port())));
        if (s.security() == Security.PLAIN && !MailServerDirectory.isLoopback(s.host())) {
            problems.add(UserText.of("problem.source.plain"));
        }
        Path trust = s.trustStore();
        if (trust != null && !Files.isReadable(trust)) problems.add(UserText.of("problem.source.trustStore", trust.toString()));
        return problems;
    }

    private static MigrationSource source(java.sql.ResultSet rs) throws java.sql.SQLException {
        String trust = rs.getString(5);
        return new MigrationSource(rs.getString(1), rs.getString(2), rs.getInt(3),
                Security.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), trust == null ? null : Path.of(trust));
    }

    private static String label(Security s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}

package org.vaultmail.oauth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.oauth.config.ClientSecrets;
import org.vaultmail.oauth.config.ConfiguredProviders;
import org.vaultmail.oauth.config.OAuthProperties;
import org.vaultmail.oauth.config.TokenHttp;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Vault;

/**
 * The OAuth core's parts on a migrated test database (H2 file or a PostgreSQL schema), configured from
 * {@code vaultmail.oauth.*} properties as an operator would write them, with one in-memory vault.
 */
public final class OAuthTestKit implements AutoCloseable {

    public final TestDatabase db;
    public final HikariDataSource dataSource;
    public final JdbcClient jdbc;
    public final TransactionTemplate tx;
    public final Vault vault;
    public final OAuthProperties properties;
    public final ConfiguredProviders providers;
    public final ClientSecrets secrets;
    public final ClientRegistrations registrations;
    public final TokenHttp http;

    public OAuthTestKit(TestDatabase.Kind kind, Path dir, Map<String, String> oauthProperties) {
        this(kind, dir, oauthProperties, Vault.inMemory());
    }

    private OAuthTestKit(TestDatabase.Kind kind, Path dir, Map<String, String> oauthProperties, Vault vault) {
        db = TestDatabase.create(kind, dir);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.jdbcUrl());
        dataSource.setUsername(kind == TestDatabase.Kind.H2 ? "sa" : TestDatabase.POSTGRES_USER);
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(12);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (kind == TestDatabase.Kind.POSTGRES) {
            flyway.schemas(db.jdbcUrl().substring(db.jdbcUrl().indexOf("currentSchema=") + "currentSchema=".length()));
        }
        flyway.load().migrate();
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.vault = vault;
        properties = bind(oauthProperties);
        providers = ConfiguredProviders.of(properties);
        secrets = ClientSecrets.read(providers);
        registrations = new ClientRegistrations(providers, secrets, properties.redirectUriTemplate());
        http = new TokenHttp(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public static OAuthProperties bind(Map<String, String> oauthProperties) {
        return new Binder(new MapConfigurationPropertySource(oauthProperties)).bind("vaultmail.oauth", OAuthProperties.class)
                .orElseGet(() -> new OAuthProperties(null, null, null, null, null, null));
    }

    public long user(String address) {
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)")
                .params(address, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now)).update();
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    @Override
    public void close() {
        dataSource.close();
        db.close();
    }
}

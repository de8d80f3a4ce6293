package org.vaultmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: PostgreSQL when {@code vaultmail.db.url} ({@code VAULTMAIL_DB_URL}) is set, else an
 * embedded H2 file under the data directory. H2 runs in PostgreSQL mode so one set of migrations
 * serves both, and with AUTO_SERVER so {@code ./vaultmail keys …} can work beside a running server.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    static {
        bindEmbeddedDatabaseToLoopback();
    }

    /**
     * H2's AUTO_SERVER listens on a TCP port so the CLI can share the file with a running server;
     * it must never listen beyond this machine. H2 reads this once, so it is set before H2 loads.
     */
    static void bindEmbeddedDatabaseToLoopback() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    @ConfigurationProperties("vaultmail.db")
    record DbProperties(@Nullable String url, @Nullable String user, @Nullable String password,
                        @Nullable Path passwordFile, @Nullable Integer poolSize) {
        @Override
        public String toString() {
            return "DbProperties[url=" + url + ", user=" + user + ", password=[PROTECTED]]";
        }
    }

    @Bean
    DataSource dataSource(DbProperties db, DataDirectory dataDir) throws IOException {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("vaultmail-db");
        ds.setMaximumPoolSize(db.poolSize() == null ? 10 : db.poolSize());
        if (db.url() != null && !db.url().isBlank()) {
            ds.setJdbcUrl(db.url());
            ds.setUsername(db.user());
            ds.setPassword(password(db));
            log.info("Database: {}", db.url().replaceAll("password=[^&;]*", "password=[REDACTED]"));
        } else {
            bindEmbeddedDatabaseToLoopback(); // again: an embedder may have cleared it after this class loaded
            Path file = dataDir.path().resolve("vaultmail");
            ds.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            ds.setUsername("sa");
            ds.setPassword("");
            log.info("Database: embedded H2 at {}.mv.db", file.toAbsolutePath());
        }
        return ds;
    }

    static @Nullable String password(DbProperties db) throws IOException {
        if (db.passwordFile() != null) {
            return Files.readString(db.passwordFile(), StandardCharsets.UTF_8).strip();
        }
        return db.password();
    }
}

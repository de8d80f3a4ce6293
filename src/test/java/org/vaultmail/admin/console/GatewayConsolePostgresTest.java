package org.vaultmail.admin.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.testing.TestDatabase;

/** The sending API pages' queries (search, paging, per-day sums, conditional inserts) on PostgreSQL. */
@Tag("postgres")
class GatewayConsolePostgresTest extends GatewayConsoleTest {

    static TestDatabase db;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        try {
            db = TestDatabase.create(TestDatabase.Kind.POSTGRES, Files.createTempDirectory("vaultmail-gateway-console-pg-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String arg : db.springArgs()) {
            String kv = arg.substring(2);
            int eq = kv.indexOf('=');
            registry.add(kv.substring(0, eq), () -> kv.substring(eq + 1));
        }
    }

    @AfterAll
    static void dropSchema() {
        if (db != null) db.close();
    }
}

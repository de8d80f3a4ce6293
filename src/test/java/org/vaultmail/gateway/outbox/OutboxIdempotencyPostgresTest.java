package org.vaultmail.gateway.outbox;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.TestDatabase;

/** {@link OutboxIdempotencyContract} on PostgreSQL (its own schema): the race, replay, 422, in-flight 409 and expiry. */
@Tag("postgres")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OutboxTestBeans.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxIdempotencyPostgresTest extends OutboxIdempotencyContract {

    static TestDatabase database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-outbox-pg-test-");
        limits(registry);
        database = TestDatabase.create(TestDatabase.Kind.POSTGRES, Files.createTempDirectory("vaultmail-outbox-pg-"));
        for (String arg : database.springArgs()) {
            String kv = arg.substring(2);
            int eq = kv.indexOf('=');
            registry.add(kv.substring(0, eq), () -> kv.substring(eq + 1));
        }
    }

    @AfterAll
    static void close() {
        if (database != null) database.close();
    }
}

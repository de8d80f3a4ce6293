package org.vaultmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** The embedded H2's AUTO_SERVER port (there so the CLI can share the file) listens on loopback only. */
class EmbeddedDatabaseBindingTest {

    @TempDir
    Path dataDir;

    @Test
    void embeddedDatabaseServerWhenStartedThenBoundToLoopbackOnly() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
             ConfigurableApplicationContext node = VaultmailNode.start(db)) {
            assertThat(node.isActive()).isTrue();
            // H2 reads h2.bindAddress once, into SysProperties, when it first loads.
            Object bound = Class.forName("org.h2.engine.SysProperties").getField("BIND_ADDRESS").get(null);
            assertThat(bound).isEqualTo("127.0.0.1");
        }
    }
}

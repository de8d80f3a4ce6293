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
        // H2 reads h2.bindAddress once, into SysProperties, when this JVM first loads it, so what H2 took depends on
        // which test loaded it first (tests that open H2 without a node do not set it). Vaultmail's part is to set the
        // property before its own first use of H2, unless the operator set one: start from "unset" and check that.
        String before = System.clearProperty("h2.bindAddress");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
             ConfigurableApplicationContext node = VaultmailNode.start(db)) {
            assertThat(node.isActive()).isTrue();
            assertThat(System.getProperty("h2.bindAddress")).isEqualTo("127.0.0.1");
            Object bound = Class.forName("org.h2.engine.SysProperties").getField("BIND_ADDRESS").get(null);
            assertThat(bound).as("H2's own setting, where Vaultmail loaded H2 first in this JVM").isIn("127.0.0.1", null);
        } finally {
            if (before != null) System.setProperty("h2.bindAddress", before);
        }
    }
}

package org.vaultmail;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Features may use each other's public surface only, and without cycles (STYLE #2). */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(VaultmailApplication.class);

    @Test
    void featuresRespectModuleBoundaries() {
        modules.verify();
    }
}

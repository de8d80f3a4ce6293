package org.vaultmail.gateway.webhooks;

import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.TestDatabase;

@Tag("postgres")
class WebhookStorePostgresTest extends WebhookStoreContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}

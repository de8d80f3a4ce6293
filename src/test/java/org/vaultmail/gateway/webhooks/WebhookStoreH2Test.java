package org.vaultmail.gateway.webhooks;

import org.vaultmail.testing.TestDatabase;

class WebhookStoreH2Test extends WebhookStoreContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}

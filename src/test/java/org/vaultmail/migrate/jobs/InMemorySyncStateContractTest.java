package org.vaultmail.migrate.jobs;

import org.vaultmail.migrate.engine.InMemorySyncState;
import org.vaultmail.migrate.engine.SyncState;

class InMemorySyncStateContractTest implements SyncStateContract {

    @Override
    public SyncState state() {
        return new InMemorySyncState();
    }

    @Override
    public SyncState otherPair() {
        return new InMemorySyncState();
    }
}

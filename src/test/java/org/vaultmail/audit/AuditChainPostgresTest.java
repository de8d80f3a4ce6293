package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.testing.TestDatabase;

@Tag("postgres")
class AuditChainPostgresTest extends AuditChainContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @Test
    void theTriggerRefusesUpdateAndDeleteThroughTheApplicationsConnection() throws Exception {
        var node = node();
        append(chain(node), 5, 1);

        assertApplicationCannotUpdateOrDelete(node);

        assertThat(log(node).verify().ok()).isTrue();
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class)).isEqualTo(5);
    }
}

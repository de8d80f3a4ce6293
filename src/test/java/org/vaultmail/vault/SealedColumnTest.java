package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealedColumnTest {

    @ParameterizedTest
    @ValueSource(strings = {"users; DROP TABLE users", "Users", "1users", "users.smtp", "users smtp", "", "\"users\""})
    void identifiersThatAreNotPlainLowercaseNamesThenRejected(String name) {
        assertThatThrownBy(() -> new SealedColumn(name, "id", "secret", "key_id", null, Purpose.CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z_][a-z0-9_]*");
        assertThatThrownBy(() -> new SealedColumn("users", "id", "secret", "key_id", name, Purpose.CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ownerColumn");
    }

    @Test
    void locationNamesTableCiphertextColumnRowAndOwner() {
        SealedColumn column = new SealedColumn("users", "id", "smtp_password", "smtp_key_id", "address", Purpose.CREDENTIALS);

        assertThat(column.location(42L, "alice@example.test"))
                .isEqualTo(new SealedLocation("users", "smtp_password", "42", "alice@example.test"));
        assertThat(column.qualifiedName()).isEqualTo("users.smtp_password");
    }
}

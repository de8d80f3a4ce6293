package org.vaultmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class FileSecretsEnvironmentPostProcessorTest {

    @TempDir
    Path dir;

    private StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        new FileSecretsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void fileVariableSetsThePropertyFromTheFileWithoutTrailingNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("db-password"), "pa ss\nword\n");
        StandardEnvironment environment = environmentWith(Map.of("VAULTMAIL_DB_PASSWORD_FILE", file.toString()));

        assertThat(environment.getProperty("vaultmail.db.password")).isEqualTo("pa ss\nword");
        assertThat(Binder.get(environment).bind("vaultmail.db", StorageConfiguration.DbProperties.class).get().password())
                .isEqualTo("pa ss\nword");
    }

    @Test
    void anyVaultmailVariableWorksAndRelaxedBindingApplies() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), "2:AAAA,1:BBBB");
        StandardEnvironment environment = environmentWith(Map.of("VAULTMAIL_ENCRYPTION_KEYS_FILE", file.toString(),
                "OTHER_FILE", file.toString()));

        assertThat(environment.getProperty("vaultmail.encryption-keys")).isEqualTo("2:AAAA,1:BBBB");
        assertThat(environment.getProperty("VAULTMAIL_ENCRYPTION_KEYS")).isEqualTo("2:AAAA,1:BBBB");
        assertThat(environment.getProperty("other")).isNull();
    }

    @Test
    void keysetFileStaysAPath() {
        StandardEnvironment environment = environmentWith(Map.of("VAULTMAIL_KEYSET_FILE", "/etc/vaultmail/keyset.json"));

        assertThat(environment.getPropertySources().contains(FileSecretsEnvironmentPostProcessor.SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("vaultmail.keyset")).isNull();
    }

    @Test
    void settingBothTheVariableAndItsFileIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("p"), "x");
        assertThatThrownBy(() -> environmentWith(Map.of("VAULTMAIL_DB_PASSWORD", "y",
                "VAULTMAIL_DB_PASSWORD_FILE", file.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Set either VAULTMAIL_DB_PASSWORD or VAULTMAIL_DB_PASSWORD_FILE, not both");
    }

    @Test
    void unreadableFileNamesTheVariableButNotTheContents() {
        assertThatThrownBy(() -> environmentWith(Map.of("VAULTMAIL_DB_PASSWORD_FILE", dir.resolve("missing").toString())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("VAULTMAIL_DB_PASSWORD_FILE: cannot read ");
    }

    @Test
    void dbPasswordFilePropertyIsReadByStorageConfiguration() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "  from-file \n");
        var db = new StorageConfiguration.DbProperties("jdbc:postgresql://db/vm", "vm", "ignored", file, null);
        assertThat(StorageConfiguration.password(db)).isEqualTo("from-file");
        assertThat(db.toString()).doesNotContain("ignored").contains("[PROTECTED]");
    }
}

package org.vaultmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void noArgumentsMeansServe() {
        LaunchArguments args = LaunchArguments.parse();
        assertThat(args.command()).isEqualTo("serve");
        assertThat(args.startsServer()).isTrue();
        assertThat(args.commandArgs()).isEmpty();
        assertThat(args.springArgs()).isEmpty();
    }

    @Test
    void shortOptionsWithSeparateValuesBecomeSpringProperties() throws Exception {
        Path config = Files.writeString(dir.resolve("vaultmail.yml"), "server:\n  port: 9000\n");
        LaunchArguments args = LaunchArguments.parse("serve", "--config", config.toString(), "--data-dir", "/srv/vm",
                "--port", "8443");
        assertThat(args.command()).isEqualTo("serve");
        assertThat(args.springArgs()).containsExactly(
                "--spring.config.additional-location=file:" + config.toAbsolutePath(),
                "--vaultmail.data-dir=/srv/vm", "--server.port=8443");
    }

    @Test
    void shortOptionsWithEqualsSignsBecomeSpringProperties() throws Exception {
        Path config = Files.writeString(dir.resolve("vaultmail.yml"), "");
        LaunchArguments args = LaunchArguments.parse("--config=" + config, "--data-dir=/srv/vm", "--port=8443", "demo");
        assertThat(args.command()).isEqualTo("demo");
        assertThat(args.springArgs()).containsExactly(
                "--spring.config.additional-location=file:" + config.toAbsolutePath(),
                "--vaultmail.data-dir=/srv/vm", "--server.port=8443");
    }

    @Test
    void springPropertiesPassThroughAndTheRestGoesToTheCommand() {
        LaunchArguments args = LaunchArguments.parse("keys", "rotate", "--spring.profiles.active=x",
                "--vaultmail.db.url=jdbc:h2:mem:x", "--server.address=0.0.0.0", "--logging.level.root=debug",
                "--management.endpoints.web.exposure.include=health", "--dry-run", "7");
        assertThat(args.command()).isEqualTo("keys");
        assertThat(args.startsServer()).isFalse();
        assertThat(args.commandArgs()).containsExactly("rotate", "--dry-run", "7");
        assertThat(args.springArgs()).containsExactly("--spring.profiles.active=x", "--vaultmail.db.url=jdbc:h2:mem:x",
                "--server.address=0.0.0.0", "--logging.level.root=debug",
                "--management.endpoints.web.exposure.include=health");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--config", "--data-dir", "--port"})
    void optionWithoutValueIsAUsageError(String option) {
        assertThatThrownBy(() -> LaunchArguments.parse("serve", option))
                .isInstanceOf(LaunchArguments.UsageException.class).hasMessage(option + " needs a value");
    }

    @Test
    void nonexistentConfigFileIsAUsageError() {
        Path missing = dir.resolve("nope.yml");
        assertThatThrownBy(() -> LaunchArguments.parse("serve", "--config", missing.toString()))
                .isInstanceOf(LaunchArguments.UsageException.class).hasMessage("--config " + missing + ": no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "-1", "80a", "123456", "70000", "0x50", ""})
    void badPortIsAUsageError(String port) {
        assertThatThrownBy(() -> LaunchArguments.parse("serve", "--port=" + port))
                .isInstanceOf(LaunchArguments.UsageException.class).hasMessageStartingWith("--port ");
    }

    @Test
    void launcherExitsWithUsageCodeOnBadArguments() {
        assertThat(Launcher.launch(new String[] {"serve", "--port", "http"})).isEqualTo(64);
    }
}

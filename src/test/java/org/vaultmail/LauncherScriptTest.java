package org.vaultmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./vaultmail} script's JDK discovery, against fake JDKs (its {@code java-home} command never builds). */
class LauncherScriptTest {

    @TempDir
    Path jvmDir;

    private record Run(int exitCode, String output) {
    }

    private Path fakeJdk(String name, String specVersion, boolean withJavac) throws IOException {
        Path bin = Files.createDirectories(jvmDir.resolve(name).resolve("bin"));
        script(bin.resolve("java"), "echo '    java.specification.version = " + specVersion + "' >&2");
        if (withJavac) script(bin.resolve("javac"), "exit 0");
        return jvmDir.resolve(name);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run javaHome(String javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("vaultmail").toAbsolutePath().toString(), "java-home")
                .redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(builder.environment());
        builder.environment().clear();
        builder.environment().put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("VAULTMAIL_JVM_DIR", jvmDir.toString());
        if (javaHome != null) builder.environment().put("JAVA_HOME", javaHome);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.strip());
    }

    @Test
    void javaHomeIsUsedWhenItIs25OrNewer() throws Exception {
        fakeJdk("jdk-27", "27", true);
        Path home = fakeJdk("jdk-25", "25", true);
        assertThat(javaHome(home.toString())).isEqualTo(new Run(0, home.toString()));
    }

    @Test
    void olderJavaHomeFallsBackToTheNewestJdkInTheJvmDirectory() throws Exception {
        Path old = fakeJdk("jdk-17", "17", true);
        fakeJdk("jdk-25", "25", true);
        Path newest = fakeJdk("jdk-26", "26", true);
        fakeJdk("jre-30", "30", false);
        fakeJdk("jdk-8", "1.8", true);
        assertThat(javaHome(old.toString())).isEqualTo(new Run(0, newest.toString()));
    }

    @Test
    void noSuitableJdkExplainsWhatToInstall() throws Exception {
        Path old = fakeJdk("jdk-21", "21", true);
        Run run = javaHome(old.toString());
        assertThat(run.exitCode()).isEqualTo(69);
        assertThat(run.output()).contains("needs a JDK 25 or newer, and found none").contains("jdk-21")
                .contains("point JAVA_HOME at it");
    }
}

package org.vaultmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Vaultmail's real {@code main} in a child JVM on the test class path, as {@code java -jar
 * vaultmail.jar ARGS} would: its own logging set-up, environment variables and exit code, untouched
 * by the Spring contexts other tests keep cached in this JVM.
 */
public final class AppProcess {

    /** The exit code and everything the process printed (stdout and stderr interleaved). */
    public record Result(int exitCode, String output) {
    }

    private AppProcess() {
    }

    public static Result run(Duration timeout, Map<String, String> env, String... args) {
        return runMain(timeout, env, VaultmailApplication.class.getName(), args);
    }

    public static Result runMain(Duration timeout, Map<String, String> env, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:off");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("VAULTMAIL_") || k.startsWith("SPRING_")
                || k.startsWith("LOGGING_"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    out[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = ("reading output failed: " + e).getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                reader.join(5000);
                throw new AssertionError("vaultmail " + String.join(" ", args) + " did not finish within " + timeout
                        + "; output:\n" + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
            }
            reader.join();
            return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot start a child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package org.vaultmail.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaultmail.AppProcess;

/**
 * Starts the real application ({@code serve}, exactly as the launcher does) in each log format, makes it
 * log a canary password in every way code tends to leak one, and checks that the canary is nowhere in
 * what it printed while the surrounding text is.
 */
class LogRedactionCanaryTest {

    private static final List<String> SURROUNDING_TEXT = List.of("sign-in attempt kv", "alice@example.test",
            "alice-in-message", "IMAP bind failed for alice-in-exception", "LOGIN rejected", "upstream said",
            "req-42-in-mdc", "alice-in-json", "text/html-in-header", "done-in-config", "alice-in-secret",
            "[PROTECTED]", Redactor.REDACTED, "at org.vaultmail.logging.LogCanaryFlows.run");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @CsvSource({"text, --logging.level.root=info", "ecs, --logging.level.root=info", "logstash, --logging.level.root=info",
            "gelf, --logging.level.root=info",
            "text, --logging.pattern.console=%m %kvp %X%n%ex"})
    void canaryPasswordNeverReachesTheLog(String format, String extraArgument) {
        AppProcess.Result result = AppProcess.run(Duration.ofSeconds(90), Map.of("VAULTMAIL_LOGGING_FORMAT", format),
                "serve", "--port", "0", "--data-dir", dataDir.toString(), extraArgument,
                "--spring.main.sources=" + LogCanaryFlows.class.getName());

        assertThat(result.output()).contains(LogCanaryFlows.DONE);
        assertThat(result.output()).doesNotContain(LogCanaryFlows.CANARY);
        assertThat(result.output()).contains(SURROUNDING_TEXT);
        if (extraArgument.startsWith("--logging.pattern.console")) {
            assertThat(result.output()).contains("\nsign-in attempt kv user=\"alice@example.test\"");
        }
        if (!format.equals("text")) {
            assertThat(result.output().lines().filter(l -> l.contains(LogCanaryFlows.DONE)))
                    .singleElement().asString().startsWith("{").endsWith("}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "text"})
    void serveDefaultsToJsonAndTheFormatPropertyIsHonoured(String format) {
        Map<String, String> env = format.equals("ecs") ? Map.of() : Map.of("VAULTMAIL_LOGGING_FORMAT", format);
        AppProcess.Result result = AppProcess.run(Duration.ofSeconds(90), env,
                "serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--spring.main.sources=" + LogCanaryFlows.class.getName());

        String doneLine = result.output().lines().filter(l -> l.contains(LogCanaryFlows.DONE)).findFirst().orElseThrow();
        if (format.equals("ecs")) {
            assertThat(doneLine).startsWith("{").contains("\"ecs\":{\"version\"").contains("\"log\":{\"level\":\"INFO\"");
        } else {
            assertThat(doneLine).doesNotStartWith("{").contains(" INFO ").contains("org.vaultmail.canary");
        }
    }
}

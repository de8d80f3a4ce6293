package org.vaultmail.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
            "[PROTECTED]", Redactor.REDACTED, "at org.vaultmail.logging.LogCanaryFlows.run", "Audit checkpoint: {");

    @TempDir
    Path dataDir;

    /**
     * One application run per format. {@code default} sets no format, so the same run also proves that
     * {@code serve} logs ECS JSON by default; {@code text} proves the format property is honoured (each run
     * costs a whole application start, so the two checks share runs).
     */
    @ParameterizedTest
    @CsvSource({"default, --logging.level.root=info", "text, --logging.level.root=info", "logstash, --logging.level.root=info",
            "gelf, --logging.level.root=info",
            "text, --logging.pattern.console=%m %kvp %X%n%ex"})
    void canaryPasswordNeverReachesTheLog(String format, String extraArgument) {
        Map<String, String> env = format.equals("default") ? Map.of() : Map.of("VAULTMAIL_LOGGING_FORMAT", format);
        AppProcess.Result result = AppProcess.run(Duration.ofSeconds(90), env,
                "serve", "--port", "0", "--data-dir", dataDir.toString(), extraArgument,
                "--spring.main.sources=" + LogCanaryFlows.class.getName());

        assertThat(result.output()).contains(LogCanaryFlows.DONE);
        assertThat(result.output()).doesNotContain(LogCanaryFlows.CANARY);
        assertThat(result.output()).contains(SURROUNDING_TEXT);
        String doneLine = result.output().lines().filter(l -> l.contains(LogCanaryFlows.DONE)).findFirst().orElseThrow();
        if (extraArgument.startsWith("--logging.pattern.console")) {
            assertThat(result.output()).contains("\nsign-in attempt kv user=\"alice@example.test\"");
        } else if (format.equals("text")) {
            assertThat(doneLine).doesNotStartWith("{").contains(" INFO ").contains("org.vaultmail.canary");
        } else {
            assertThat(result.output().lines().filter(l -> l.contains(LogCanaryFlows.DONE)))
                    .singleElement().asString().startsWith("{").endsWith("}");
        }
        // the audit checkpoint line stays a checkpoint: its signer and signature are not mistaken for secrets
        String checkpoint = result.output().lines().filter(l -> l.contains("Audit checkpoint: {")).findFirst().orElseThrow();
        assertThat(checkpoint).contains("seq", "signer", "sig").doesNotContain(Redactor.REDACTED);
        if (format.equals("default")) {
            assertThat(doneLine).contains("\"ecs\":{\"version\"").contains("\"log\":{\"level\":\"INFO\"");
        }
    }
}

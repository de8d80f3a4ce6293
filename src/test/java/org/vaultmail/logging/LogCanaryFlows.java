package org.vaultmail.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.audit.AuditLog;
import org.vaultmail.vault.Secret;

/**
 * Added to the real application with {@code --spring.main.sources=…} by {@link LogRedactionCanaryTest}:
 * once the app has started, logs a secret in every way code tends to leak one, then exits.
 * Not a {@code @Component}, so component scanning in other tests never picks it up.
 */
public class LogCanaryFlows implements ApplicationRunner {

    static final String CANARY = "canary-Pw-7f3a9e";
    static final String DONE = "canary flows done";

    private static final Logger log = LoggerFactory.getLogger("org.vaultmail.canary");

    private final ApplicationContext context;

    public LogCanaryFlows(ApplicationContext context) {
        this.context = context;
    }

    /** The audit checkpoint log line (ADR 0028): it must come through every format whole, not redacted. */
    private void publishAuditCheckpoint() {
        context.publishEvent(new AdminActionPerformed(ActorType.SYSTEM, "canary", "canary.checkpoint", null, "success"));
        AuditLog audit = context.getBean(AuditLog.class);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (audit.publishCheckpoint().isEmpty() && System.nanoTime() < deadline) { // until the entry is recorded
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        log.atInfo().addKeyValue("user", "alice@example.test").addKeyValue("password", CANARY)
                .addKeyValue("apiKey", CANARY).log("sign-in attempt kv");
        log.info("connecting to imap.example.test with password={} for user {}", CANARY, "alice-in-message");
        log.warn("IMAP bind failed for alice-in-exception", new IllegalStateException(
                "LOGIN rejected: password=" + CANARY, new RuntimeException("upstream said token: " + CANARY)));
        MDC.put("session_token", CANARY);
        MDC.put("request_id", "req-42-in-mdc");
        log.info("request handled with mdc");
        MDC.clear();
        log.info("upstream json {}", "{\"user\":\"alice-in-json\",\"password\":\"" + CANARY + "\"}");
        log.info("outgoing request Authorization: Bearer {} Accept: text/html-in-header", CANARY);
        log.info("config secret: {} done-in-config", CANARY);
        log.info("loaded mailbox secret {} for alice-in-secret", Secret.ofUtf8(CANARY));
        publishAuditCheckpoint();
        log.info(DONE);
        System.exit(SpringApplication.exit(context));
    }
}

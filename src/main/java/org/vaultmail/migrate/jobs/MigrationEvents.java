package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.migrate.MigrationEvent;
import org.vaultmail.migrate.Progress;

/**
 * Publishes what jobs do for the audit log and the owner's notification. Details are non-secret facts only (ids,
 * servers, logins, counts, reasons); {@code owner} (the user's address) tells the notification where to write.
 */
class MigrationEvents {

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    MigrationEvents(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    void created(JobRow job, String actor, @Nullable String client) {
        publish("migration.job.created", actor, job, "success", Map.of(), client);
    }

    void started(JobRow job, String actor) {
        publish("migration.job.started", actor, job, "success", Map.of("run", job.runs()), null);
    }

    void ended(JobRow job, String action, String actor, Progress p, @Nullable String reason, @Nullable String ownerAddress,
               @Nullable String client) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("copied", p.copied());
        details.put("present", p.present());
        details.put("failed", p.failed());
        details.put("bytes", p.bytesCopied());
        if (reason != null) details.put("reason", reason);
        if (ownerAddress != null) details.put("owner", ownerAddress);
        publish(action, actor, job, action.endsWith("failed") ? "failure" : "success", details, client);
    }

    void credentialsDeleted(JobRow job, String actor, String why) {
        publish("migration.credentials.deleted", actor, job, "success", Map.of("why", why), null);
    }

    void source(String action, String operator, String name, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("name", name);
        publisher.publishEvent(new MigrationEvent(action, operator, null, "", "success", all, null, clock.instant()));
    }

    private void publish(String action, String actor, JobRow job, String outcome, Map<String, Object> extra,
                         @Nullable String client) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source_server", job.sourceServer());
        details.put("source_login", job.sourceLogin());
        details.put("destination_server", job.destinationServer());
        details.put("destination_login", job.destinationLogin());
        details.putAll(extra);
        publisher.publishEvent(new MigrationEvent(action, actor, job.ownerUserId(), job.id(), outcome, details, client,
                clock.instant()));
    }
}

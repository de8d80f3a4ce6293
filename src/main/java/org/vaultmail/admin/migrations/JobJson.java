package org.vaultmail.admin.migrations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The command line's JSON. {@code status --json} has exactly the shape ({@code id, state, folders[], copied,
 * failed, bytes, startedAt, finishedAt}; each folder also has its {@code notes}); there is no credential field to leave out, because {@link JobView} has none.
 */
public final class JobJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JobJson() {
    }

    static String status(JobView job) {
        return JSON.writeValueAsString(statusMap(job));
    }

    static String list(List<JobView> jobs) {
        return JSON.writeValueAsString(jobs.stream().map(JobJson::summary).toList());
    }

    static String sources(List<MigrationSource> sources) {
        return JSON.writeValueAsString(sources.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("host", s.host());
            m.put("port", s.port());
            m.put("security", s.security().name().toLowerCase(java.util.Locale.ROOT));
            m.put("trustStore", s.trustStore() == null ? null : s.trustStore().toString());
            return m;
        }).toList());
    }

    public static Map<String, Object> statusMap(JobView job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("state", job.state().label());
        m.put("folders", job.folders().stream().map(JobJson::folder).toList());
        JobView.Totals t = job.totals();
        m.put("copied", t.copied());
        m.put("failed", t.failed());
        m.put("bytes", t.bytes());
        m.put("startedAt", instant(job.startedAt()));
        m.put("finishedAt", instant(job.finishedAt()));
        return m;
    }

    private static Map<String, Object> summary(JobView job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("state", job.state().label());
        m.put("owner", job.ownerUserId());
        m.put("createdBy", job.createdBy());
        m.put("sourceServer", job.sourceServer());
        m.put("sourceLogin", job.sourceLogin());
        m.put("destinationServer", job.destinationServer());
        m.put("destinationLogin", job.destinationLogin());
        m.put("messagesDone", job.progress().messagesDone());
        m.put("messagesTotal", job.progress().messagesTotal());
        JobView.Totals t = job.totals();
        m.put("copied", t.copied());
        m.put("failed", t.failed());
        m.put("bytes", t.bytes());
        m.put("createdAt", instant(job.createdAt()));
        m.put("startedAt", instant(job.startedAt()));
        m.put("finishedAt", instant(job.finishedAt()));
        return m;
    }

    private static Map<String, Object> folder(FolderReport f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", f.source());
        m.put("destination", f.destination());
        m.put("sourceCount", f.sourceCount());
        m.put("destinationCount", f.destinationCount());
        m.put("copied", f.copied());
        m.put("present", f.present());
        m.put("failed", f.failed());
        m.put("notes", notes(f.notes()));
        return m;
    }

    /** A folder's notes: {@code kind} (stable, for scripts), {@code detail} (a name or flag list), {@code text} (English). */
    public static List<Map<String, Object>> notes(List<FolderNote> notes) {
        return notes.stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", n.kind().label());
            m.put("detail", n.detail());
            m.put("text", n.text());
            return m;
        }).toList();
    }

    private static @Nullable String instant(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}

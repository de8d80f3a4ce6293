package org.vaultmail.migrate.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.Progress;

/**
 * A job as the API and its event stream show it: the report's shape of issue 14 ({@code id, state, folders[], copied,
 * failed, bytes, startedAt, finishedAt}) plus progress. Built field by field from {@link JobView}, so no credential
 * can slip in (there is none in the view either).
 */
final class JobJson {

    private JobJson() {
    }

    static Map<String, Object> created(JobView v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("state", v.state().label());
        return out;
    }

    static Map<String, Object> of(JobView v) {
        Progress p = v.progress();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("state", v.state().label());
        out.put("source", side(v.sourceServer(), v.sourceLogin()));
        out.put("destination", side(v.destinationServer(), v.destinationLogin()));
        out.put("options", options(v.options()));
        out.put("folders", v.folders().stream().map(JobJson::folder).toList());
        JobView.Totals t = v.totals();
        out.put("copied", t.copied());
        out.put("present", t.present());
        out.put("failed", t.failed());
        out.put("bytes", t.bytes());
        out.put("createdAt", v.createdAt().toString());
        out.put("startedAt", time(v.startedAt()));
        out.put("finishedAt", time(v.finishedAt()));
        out.put("requested", v.requested());
        out.put("error", v.error());
        out.put("progress", progress(p));
        return out;
    }

    static Map<String, Object> progress(Progress p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("foldersDone", p.foldersDone());
        out.put("foldersTotal", p.foldersTotal());
        out.put("messagesDone", p.messagesDone());
        out.put("messagesTotal", p.messagesTotal());
        out.put("bytesDone", p.bytesDone());
        out.put("bytesTotal", p.bytesTotal());
        out.put("rate", p.ratePerSecond());
        out.put("etaSeconds", p.etaSeconds());
        out.put("errors", p.failed());
        return out;
    }

    static Map<String, Object> error(MigrationError e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folder", e.sourceFolder());
        out.put("uid", e.sourceUid());
        out.put("reason", e.reason());
        out.put("at", e.at().toString());
        return out;
    }

    static List<Map<String, Object>> errors(List<MigrationError> errors) {
        return errors.stream().map(JobJson::error).toList();
    }

    private static Map<String, Object> folder(FolderReport f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", f.source());
        out.put("destination", f.destination());
        out.put("sourceCount", f.sourceCount());
        out.put("destinationCount", f.destinationCount());
        out.put("copied", f.copied());
        out.put("present", f.present());
        out.put("failed", f.failed());
        out.put("flagsNotSettable", f.flagsNotSettable());
        out.put("removed", f.removed());
        out.put("ambiguous", f.ambiguous());
        out.put("bytes", f.bytes());
        out.put("notes", f.notes().stream().map(n -> {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("kind", n.kind().label());
            note.put("detail", n.detail());
            note.put("text", n.text());
            return note;
        }).toList());
        return out;
    }

    private static Map<String, Object> side(String server, String login) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", server);
        out.put("login", login);
        return out;
    }

    private static Map<String, Object> options(MigrationOptions o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("includeFolders", o.includeFolders());
        out.put("excludeFolders", o.excludeFolders());
        out.put("rules", o.rules().stream().map(r -> Map.of("source", r.source(), "destination", r.destination())).toList());
        out.put("since", o.since() == null ? null : o.since().toString());
        out.put("before", o.before() == null ? null : o.before().toString());
        out.put("maxMessageBytes", o.maxMessageBytes());
        out.put("skipTrashAndJunk", o.skipTrashAndJunk());
        out.put("dryRun", o.dryRun());
        out.put("mode", o.mode().label());
        out.put("confirmMirror", o.mirrorConfirmed());
        out.put("gmailLabels", o.gmailLabels().label());
        return out;
    }

    private static @Nullable String time(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}

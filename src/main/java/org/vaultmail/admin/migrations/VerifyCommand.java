package org.vaultmail.admin.migrations;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vaultmail.admin.migrations.Words.UsageError;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationVerification;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.verify.VerifyReport;
import org.vaultmail.vault.Secret;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./vaultmail migrate verify ID --from-password-file F --to-password-file F [--json]}: the verifier over a
 * finished job's two sides (the job's own credentials were deleted when it ended, so both passwords are read from files
 * again, as {@code add} reads them). Exit 0 only when clean; 2 when the sides differ; 1 refused or unreachable.
 */
final class VerifyCommand {

    static final int DIFFERENT = 2;
    private static final int UIDS_SHOWN = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MigrationVerification verification;

    VerifyCommand(MigrationVerification verification) {
        this.verification = verification;
    }

    int run(List<String> args, PrintStream out, PrintStream err) throws MigrationRefused, PasswordFile.Unreadable {
        Words w = Words.parse(args, Set.of("--from-password-file", "--to-password-file"), Set.of("--json"));
        if (w.positional().size() != 1) throw new UsageError("verify needs one job id");
        String id = w.positional().getFirst();
        Path fromFile = Path.of(w.required("--from-password-file"));
        Path toFile = Path.of(w.required("--to-password-file"));
        MigrationVerification.Result result;
        try (Secret from = PasswordFile.read(fromFile, err); Secret to = PasswordFile.read(toFile, err)) {
            result = verification.verify(id, from, to, Requester.cli());
        }
        VerifyReport report = result.report();
        if (w.has("--json")) {
            out.println(JSON.writeValueAsString(json(id, result)));
        } else {
            out.print("Job " + id + ": " + report.summary());
            if (!result.ignoredFlags().isEmpty()) {
                out.println("  not compared (the report lists them as not settable on the destination): "
                        + String.join(", ", result.ignoredFlags()));
            }
        }
        return report.clean() ? 0 : DIFFERENT;
    }

    static Map<String, Object> json(String id, MigrationVerification.Result result) {
        VerifyReport report = result.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("clean", report.clean());
        m.put("sourceCount", report.sourceCount());
        m.put("destinationCount", report.destinationCount());
        m.put("ignoredFlags", result.ignoredFlags().stream().sorted().toList());
        m.put("folders", report.folders().stream().map(f -> {
            Map<String, Object> folder = new LinkedHashMap<>();
            folder.put("source", f.source());
            folder.put("destination", f.destination());
            folder.put("clean", f.clean());
            folder.put("sourceCount", f.sourceCount());
            folder.put("destinationCount", f.destinationCount());
            folder.put("missing", f.missing().size());
            folder.put("extra", f.extra().size());
            folder.put("duplicates", f.duplicates());
            folder.put("flagDifferences", f.flagDifferences().size());
            folder.put("dateDifferences", f.dateDifferences().size());
            folder.put("rewritten", f.rewritten().size());
            folder.put("sourceUnchanged", f.sourceUnchanged());
            folder.put("missingSourceUids", f.missing().stream().limit(UIDS_SHOWN).map(VerifyReport.Message::uid).toList());
            folder.put("extraDestinationUids", f.extra().stream().limit(UIDS_SHOWN).map(VerifyReport.Message::uid).toList());
            folder.put("problems", f.problems());
            return folder;
        }).toList());
        return m;
    }
}

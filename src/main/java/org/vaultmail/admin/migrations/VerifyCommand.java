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
 * {@code ./vaultmail migrate verify ID --from-password-file F|--from-token-file F --to-password-file F|--to-token-file F
 * [--json]}: the verifier over a finished job's two sides (the job's own credentials were deleted when it ended, so both
 * logins are read from files again, as {@code add} reads passwords). A token file holds an OAuth access token with the
 * IMAP scope (SASL XOAUTH2): the way to verify a job whose source was an OAuth mailbox (ADR 0046, 0049); the CLI cannot
 * run an authorization flow itself, so the operator brings the token (e.g. from the provider's own tooling). Exit 0 only when clean; 2 when the sides differ; 1 refused or unreachable.
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
        Words w = Words.parse(args, Set.of("--from-password-file", "--to-password-file", "--from-token-file",
                "--to-token-file"), Set.of("--json"));
        if (w.positional().size() != 1) throw new UsageError("verify needs one job id");
        String id = w.positional().getFirst();
        Side from = side(w, "from");
        Side to = side(w, "to");
        MigrationVerification.Result result;
        try (Secret fromSecret = PasswordFile.read(from.file(), err); Secret toSecret = PasswordFile.read(to.file(), err)) {
            result = verification.verify(id, from.login(fromSecret), to.login(toSecret), Requester.cli());
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

    /** One side's file: {@code --X-password-file} or {@code --X-token-file} (an OAuth access token), exactly one. */
    private record Side(Path file, boolean token) {
        MigrationVerification.Login login(Secret secret) {
            return token ? MigrationVerification.Login.accessToken(secret) : MigrationVerification.Login.password(secret);
        }
    }

    private static Side side(Words w, String which) {
        String password = w.value("--" + which + "-password-file");
        String token = w.value("--" + which + "-token-file");
        if ((password == null) == (token == null)) {
            throw new UsageError("verify needs one of --" + which + "-password-file and --" + which + "-token-file");
        }
        return password != null ? new Side(Path.of(password), false) : new Side(Path.of(token), true);
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

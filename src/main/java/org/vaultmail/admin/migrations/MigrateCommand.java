package org.vaultmail.admin.migrations;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vaultmail.admin.CliCommand;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.admin.migrations.Words.UsageError;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.MigrationVerification;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * {@code ./vaultmail migrate add|add-batch|run|status|list|pause|resume|cancel|sources} (issue 14). Exit codes:
 * 0 done; 1 refused, not found or failed; 2 {@code run} ended with failed messages, or {@code verify} found the sides
 * different; 3 {@code run} ended cancelled or
 * paused; 64 usage. The CLI acts as operator {@code cli} (audited by the jobs service from the {@link Requester}).
 */
@Component
class MigrateCommand implements CliCommand {

    static final String USAGE = """
            usage: ./vaultmail migrate add --from ADDRESS --from-password-file F --to ADDRESS --to-password-file F
                          [--from-server NAME] [--to-server NAME] [--folders a,b] [--exclude x,y] [--mode copy|mirror]
                          [--dry-run] [--since YYYY-MM-DD] [--before YYYY-MM-DD] [--max-message-size BYTES]
                          [--skip-trash-junk] [--yes]          (prints the job id)
                   ./vaultmail migrate add-batch --csv FILE --passwords-dir DIR [--from-server NAME] [--to-server NAME]
                          [the options of add]    (DIR/from/SOURCE-ADDRESS and DIR/to/DESTINATION-ADDRESS hold the passwords)
                   ./vaultmail migrate run ID                (runs the job here to its end)
                   ./vaultmail migrate status ID [--json]
                   ./vaultmail migrate verify ID --from-password-file F --to-password-file F [--json]
                          (compares a finished job's two sides; exit 0 only when clean, 2 when they differ;
                          --from-token-file F / --to-token-file F instead: an OAuth access token, SASL XOAUTH2)
                   ./vaultmail migrate list [--json]
                   ./vaultmail migrate pause ID | resume ID | cancel ID
                   ./vaultmail migrate sources list [--json]
                   ./vaultmail migrate sources add NAME --host H --port P --security tls|starttls|plain [--trust-store PATH]
                   ./vaultmail migrate sources remove NAME""";
    static final int LIST_LIMIT = 1000;
    static final int ERRORS_SHOWN = 50;

    private final ObjectProvider<MigrationJobs> jobs;
    private final ObjectProvider<MigrationSources> sources;
    private final ObjectProvider<MigrationVerification> verification;

    MigrateCommand(ObjectProvider<MigrationJobs> jobs, ObjectProvider<MigrationSources> sources,
                   ObjectProvider<MigrationVerification> verification) {
        this.jobs = jobs;
        this.sources = sources;
        this.verification = verification;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String summary() {
        return "mailbox migration jobs: add, add-batch, run ID, status ID [--json], verify ID, list, pause, resume, cancel, sources";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Terminal.system());
    }

    int run(List<String> args, PrintStream out, PrintStream err, Terminal terminal) {
        if (args.isEmpty()) return usage(err, "which migrate action?");
        String action = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        MigrationJobs service = jobs.getIfAvailable();
        MigrationSources hosts = sources.getIfAvailable();
        if (service == null || hosts == null) {
            err.println("vaultmail migrate: migration jobs are not available in this build");
            return 1;
        }
        try {
            return switch (action) {
                case "add" -> add(service, rest, out, err, terminal);
                case "add-batch" -> new BatchAdd(service).run(rest, out, err, terminal);
                case "run" -> run(service, one(rest, "run"), out, err, terminal);
                case "status" -> status(service, rest, out, err);
                case "verify" -> new VerifyCommand(verification.getObject()).run(rest, out, err);
                case "list" -> list(service, rest, out);
                case "pause", "resume", "cancel" -> act(service, action, one(rest, action), out, err);
                case "sources" -> new SourcesCommand(hosts).run(rest, out, err);
                default -> usage(err, "unknown migrate action '" + action + "'");
            };
        } catch (UsageError e) {
            return usage(err, e.getMessage());
        } catch (MigrationRefused e) {
            err.println("vaultmail migrate " + action + ": refused (" + e.code() + "): " + e.getMessage());
            return 1;
        } catch (PasswordFile.Unreadable e) {
            err.println("vaultmail migrate " + action + ": password file " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("vaultmail migrate " + action + ": " + CommandLineInterface.describe(e));
            return 1;
        }
    }

    private int add(MigrationJobs service, List<String> args, PrintStream out, PrintStream err, Terminal terminal)
            throws MigrationRefused, PasswordFile.Unreadable {
        Set<String> valued = new java.util.HashSet<>(JobRequest.VALUED);
        valued.addAll(Set.of("--from", "--to", "--from-password-file", "--to-password-file"));
        Words w = Words.parse(args, valued, JobRequest.SWITCHES);
        if (!w.positional().isEmpty()) throw new UsageError("unexpected '" + w.positional().getFirst() + "'");
        String from = w.required("--from").strip();
        String to = w.required("--to").strip();
        Path fromFile = Path.of(w.required("--from-password-file"));
        Path toFile = Path.of(w.required("--to-password-file"));
        String fromServer = JobRequest.serverOf(w.value("--from-server"), from);
        String toServer = JobRequest.serverOf(w.value("--to-server"), to);
        MigrationOptions options = JobRequest.options(w, confirmMirror(w, to + " at " + toServer, err, terminal));
        Secret fromPassword = PasswordFile.read(fromFile, err);
        Secret toPassword;
        try {
            toPassword = PasswordFile.read(toFile, err);
        } catch (PasswordFile.Unreadable e) {
            fromPassword.close();
            throw e;
        }
        try (NewJob job = new NewJob(new ServerLogin(fromServer, from, fromPassword), new ServerLogin(toServer, to, toPassword), options)) {
            JobView created = service.create(job, Requester.cli());
            out.println(created.id()); // only the id: scripts capture it
            return 0;
        }
    }

    /**
     * Mirror deletes on the destination: confirmed by {@code --yes}, or by typing {@code mirror} at a terminal; refused
     * (usage, 64) without a terminal.
     */
    static boolean confirmMirror(Words w, String destination, PrintStream err, Terminal terminal) {
        if (!JobRequest.mirror(w) || w.has("--yes")) return true;
        if (!terminal.interactive()) {
            throw new UsageError("--mode mirror deletes from the destination what the source does not have; "
                    + "confirm it with --yes (no terminal to ask)");
        }
        String answer = terminal.ask("Mirror mode deletes from " + destination
                + " every message the source does not have. Type 'mirror' to go on: ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("mirror")) {
            throw new UsageError("mirror mode not confirmed");
        }
        return true;
    }

    private int run(MigrationJobs service, String id, PrintStream out, PrintStream err, Terminal terminal) throws MigrationRefused {
        RunProgress progress = new RunProgress(out, err, terminal.interactive());
        JobView end = service.runHere(id, Requester.cli(), progress::show);
        progress.end(end);
        JobView.Totals t = end.totals();
        out.printf("Job %s %s: %d copied, %d already present, %d failed, %s.%n", end.id(), end.state().label(), t.copied(),
                t.present(), t.failed(), JobText.size(t.bytes()));
        if (end.error() != null) err.println("vaultmail migrate run: " + end.error());
        if (end.state() == JobState.FAILED) return 1;
        if (end.state() != JobState.FINISHED) return 3;
        return t.failed() > 0 ? 2 : 0;
    }

    private int status(MigrationJobs service, List<String> args, PrintStream out, PrintStream err) {
        Words w = Words.parse(args, Set.of(), Set.of("--json"));
        if (w.positional().size() != 1) throw new UsageError("status needs one job id");
        String id = w.positional().getFirst();
        Optional<JobView> job = service.find(id, Requester.cli());
        if (job.isEmpty()) return notFound(id, "status", err);
        if (w.has("--json")) {
            out.println(JobJson.status(job.get()));
        } else {
            JobText.status(job.get(), service.errors(id, Requester.cli(), ERRORS_SHOWN), out);
        }
        return 0;
    }

    private int list(MigrationJobs service, List<String> args, PrintStream out) {
        Words w = Words.parse(args, Set.of(), Set.of("--json"));
        if (!w.positional().isEmpty()) throw new UsageError("list takes no job id");
        List<JobView> all = service.list(Requester.cli(), LIST_LIMIT);
        if (w.has("--json")) {
            out.println(JobJson.list(all));
            return 0;
        }
        JobText.listHeader(out);
        all.forEach(j -> JobText.listRow(j, out));
        return 0;
    }

    private int act(MigrationJobs service, String action, String id, PrintStream out, PrintStream err) throws MigrationRefused {
        Optional<JobView> job = switch (action) {
            case "pause" -> service.pause(id, Requester.cli());
            case "resume" -> service.resume(id, Requester.cli());
            default -> service.cancel(id, Requester.cli());
        };
        if (job.isEmpty()) return notFound(id, action, err);
        JobView j = job.get();
        out.println("Job " + j.id() + ": " + j.state().label() + (j.requested() == null ? "" : " (" + j.requested() + " requested; "
                + "a running job stops at its next checkpoint)"));
        return 0;
    }

    private static String one(List<String> rest, String action) {
        if (rest.size() != 1 || rest.getFirst().startsWith("-")) throw new UsageError(action + " needs one job id");
        return rest.getFirst();
    }

    private static int notFound(String id, String action, PrintStream err) {
        err.println("vaultmail migrate " + action + ": no job '" + id + "'");
        return 1;
    }

    static int usage(PrintStream err, String problem) {
        err.println("vaultmail migrate: " + problem);
        err.println(USAGE);
        return 64;
    }
}

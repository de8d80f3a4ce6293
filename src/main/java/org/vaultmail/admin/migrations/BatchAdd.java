package org.vaultmail.admin.migrations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.vaultmail.admin.migrations.Words.UsageError;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * {@code migrate add-batch --csv FILE --passwords-dir DIR [--from-server NAME] [--to-server NAME] [options of add]}:
 * one job per CSV line {@code source-address,destination-address} (a header line starting with {@code source}, blank
 * lines and {@code #} comments are skipped). Passwords are read from {@code DIR/from/SOURCE} and {@code DIR/to/DESTINATION}
 * (file names are the addresses, lower case): one file per address and side, because a domain moved to a new host has
 * the same address on both sides. Prints {@code ID SOURCE DESTINATION} per job created; a refused line is reported
 * on stderr and the rest go on; exit 1 if any line was refused.
 */
final class BatchAdd {

    private final MigrationJobs jobs;

    BatchAdd(MigrationJobs jobs) {
        this.jobs = jobs;
    }

    int run(List<String> args, PrintStream out, PrintStream err, Terminal terminal) {
        Set<String> valued = new HashSet<>(JobRequest.VALUED);
        valued.addAll(Set.of("--csv", "--passwords-dir"));
        Words w = Words.parse(args, valued, JobRequest.SWITCHES);
        if (!w.positional().isEmpty()) throw new UsageError("unexpected '" + w.positional().getFirst() + "'");
        Path csv = Path.of(w.required("--csv"));
        Path dir = Path.of(w.required("--passwords-dir"));
        if (!Files.isDirectory(dir.resolve("from")) || !Files.isDirectory(dir.resolve("to"))) {
            throw new UsageError("--passwords-dir needs the subdirectories from/ and to/");
        }
        for (Path d : List.of(dir, dir.resolve("from"), dir.resolve("to"))) PasswordFile.warnIfShared(d, err);
        MigrationOptions options = JobRequest.options(w, MigrateCommand.confirmMirror(w, "each destination", err, terminal));
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("--csv " + csv + ": cannot be read");
        }
        int created = 0, refused = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("source"))) continue;
            String[] cells = line.split("[,;]");
            if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
                err.println("line " + (i + 1) + ": wants source-address,destination-address");
                refused++;
                continue;
            }
            String from = cells[0].strip(), to = cells[1].strip();
            try {
                JobView job = add(from, to, w, dir, options, err);
                out.println(job.id() + " " + from + " " + to);
                created++;
            } catch (MigrationRefused e) {
                err.println("line " + (i + 1) + ": " + from + " -> " + to + ": refused (" + e.code() + "): " + e.getMessage());
                refused++;
            } catch (PasswordFile.Unreadable e) {
                err.println("line " + (i + 1) + ": " + from + " -> " + to + ": password file " + e.getMessage());
                refused++;
            } catch (UsageError e) {
                err.println("line " + (i + 1) + ": " + e.getMessage());
                refused++;
            }
        }
        err.println(created + " job(s) added, " + refused + " line(s) refused.");
        return refused > 0 ? 1 : 0;
    }

    private JobView add(String from, String to, Words w, Path dir, MigrationOptions options, PrintStream err)
            throws MigrationRefused, PasswordFile.Unreadable {
        String fromServer = JobRequest.serverOf(w.value("--from-server"), from);
        String toServer = JobRequest.serverOf(w.value("--to-server"), to);
        Secret fromPassword = PasswordFile.read(passwordFile(dir, "from", from), err);
        Secret toPassword;
        try {
            toPassword = PasswordFile.read(passwordFile(dir, "to", to), err);
        } catch (PasswordFile.Unreadable e) {
            fromPassword.close();
            throw e;
        }
        try (NewJob job = new NewJob(new ServerLogin(fromServer, from, fromPassword), new ServerLogin(toServer, to, toPassword), options)) {
            return jobs.create(job, Requester.cli());
        }
    }

    /** The address is a file name: refuse anything that could leave the directory. */
    private static Path passwordFile(Path dir, String side, String address) throws PasswordFile.Unreadable {
        String name = address.toLowerCase(Locale.ROOT);
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new PasswordFile.Unreadable("for '" + address + "': not a usable file name");
        }
        return dir.resolve(side).resolve(name);
    }
}

package org.vaultmail.admin;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Component;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.KeyStatus;
import org.vaultmail.vault.RewrapFinished;
import org.vaultmail.vault.RewrapOptions;
import org.vaultmail.vault.RewrapProgressed;

/** {@code ./vaultmail keys status|rotate|rewrap|retire}: exit 0 ok, 1 refused or failed, 64 usage. */
@Component
class KeysCommand implements CliCommand {

    static final String USAGE = """
            usage: ./vaultmail keys status
                   ./vaultmail keys rotate
                   ./vaultmail keys rewrap [--batch N] [--rate ROWS_PER_S]
                   ./vaultmail keys retire ID""";

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final KeyManagement keys;

    KeysCommand(KeyManagement keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public String summary() {
        return "encryption keys: status, rotate, rewrap [--batch N] [--rate R], retire ID";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) return usage(err, "which keys action?");
        try {
            return switch (args.getFirst()) {
                case "status" -> args.size() == 1 ? status(out) : usage(err, "status takes no arguments");
                case "rotate" -> args.size() == 1 ? rotate(out) : usage(err, "rotate takes no arguments");
                case "rewrap" -> rewrap(args.subList(1, args.size()), out, err);
                case "retire" -> args.size() == 2 ? retire(args.get(1), out, err) : usage(err, "retire needs one key id");
                default -> usage(err, "unknown keys action '" + args.getFirst() + "'");
            };
        } catch (UsageError e) {
            return usage(err, e.getMessage());
        } catch (RuntimeException e) {
            err.println("vaultmail keys " + args.getFirst() + ": " + CommandLineInterface.describe(e));
            return 1;
        }
    }

    private int status(PrintStream out) {
        KeyStatus s = keys.status();
        out.printf("Root keys:  %s (%s)%n", s.rootDescription(), s.rootSource().name().toLowerCase(Locale.ROOT));
        out.printf("            ids %s, primary %d; the data keyset is wrapped by root key %d%s%n", s.rootKeyIds(),
                s.rootPrimaryKeyId(), s.dataKeysetWrappedBy(),
                s.dataKeysetWrappedBy() == s.rootPrimaryKeyId() ? "" : "  (run 'keys rewrap' to re-wrap it under the primary)");
        Map<String, Map<Long, Long>> byColumn = new TreeMap<>();
        for (KeyStatus.RowCount r : s.rows()) {
            byColumn.computeIfAbsent(r.column(), c -> new TreeMap<>()).merge(r.keyId(), r.rows(), Long::sum);
        }
        TreeSet<Long> ids = new TreeSet<>();
        s.dataKeys().forEach(k -> ids.add(k.id()));
        s.rows().forEach(r -> ids.add(r.keyId()));
        out.println();
        out.printf("%-12s %-8s %-17s %12s  %s%n", "DATA KEY", "PRIMARY", "CREATED (UTC)", "ROWS", "PER COLUMN");
        for (long id : ids) {
            var key = s.dataKeys().stream().filter(k -> k.id() == id).findFirst();
            boolean known = key.isPresent();
            boolean primary = key.map(KeyStatus.DataKey::primary).orElse(false);
            String created = key.map(KeyStatus.DataKey::created).map(CREATED::format).orElse("-");
            StringBuilder per = new StringBuilder();
            byColumn.forEach((column, counts) -> {
                Long n = counts.get(id);
                if (n != null) per.append(per.isEmpty() ? "" : ", ").append(column).append('=').append(n);
            });
            out.printf("%-12d %-8s %-17s %12d  %s%s%n", id, primary ? "yes" : "", created, s.rowsUsing(id), per,
                    known ? "" : "  MISSING FROM KEYSET: these rows cannot be decrypted");
        }
        out.printf("%n%d sealed column(s); %d row(s) not yet under the primary key%n", keys.columns().size(),
                s.rowsNotOnPrimary());
        return 0;
    }

    private int rotate(PrintStream out) {
        var rotated = keys.rotate();
        out.printf("New primary data key %d (previous primary %d stays for decryption).%n",
                rotated.newPrimaryKeyId(), rotated.previousPrimaryKeyId());
        out.println("Next: ./vaultmail keys rewrap, then ./vaultmail keys retire " + rotated.previousPrimaryKeyId());
        return 0;
    }

    private int rewrap(List<String> args, PrintStream out, PrintStream err) {
        int batch = RewrapOptions.DEFAULT_BATCH_SIZE;
        double rate = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) throw new UsageError(a + " needs a value");
            String v = args.get(++i);
            switch (a) {
                case "--batch" -> batch = positiveInt(a, v);
                case "--rate" -> rate = positiveInt(a, v);
                default -> throw new UsageError("unknown rewrap option " + a);
            }
        }
        RewrapOptions options;
        try {
            options = new RewrapOptions(batch, rate);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        ProgressBar bar = new ProgressBar(err);
        RewrapFinished done = keys.rewrap(options, bar::show);
        bar.end();
        if (done.dataKeysetRewrapped()) out.println("Re-wrapped the data keyset under the root primary key.");
        out.printf("Rewrapped %d row(s) under key %d in %.1f s; %d changed concurrently (already current), %d failed.%n",
                done.rewrapped(), done.primaryKeyId(), done.took().toMillis() / 1000.0, done.skipped(), done.failed());
        done.failures().forEach(f -> err.println("  failed: " + f));
        return done.failed() > 0 ? 1 : 0;
    }

    private int retire(String id, PrintStream out, PrintStream err) {
        long keyId;
        try {
            keyId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new UsageError("key id must be a number, not '" + id + "'");
        }
        keys.retire(keyId);
        out.printf("Retired data key %d.%n", keyId);
        return 0;
    }

    private static int positiveInt(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageError(option + " needs a positive number, not '" + value + "'");
    }

    private static int usage(PrintStream err, String problem) {
        err.println("vaultmail keys: " + problem);
        err.println(USAGE);
        return 64;
    }

    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** {@code [#####.....] 51234/100000 rows  8123 rows/s} on one redrawn stderr line. */
    static final class ProgressBar {
        private final PrintStream err;
        private boolean drawn;

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        void show(RewrapProgressed p) {
            err.print("\r" + render(p.done(), p.total(), p.rowsPerSecond()));
            err.flush();
            drawn = true;
        }

        void end() {
            if (drawn) err.println();
        }

        static String render(long done, long total, double rate) {
            int width = 30;
            int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
            return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " rows  "
                    + Math.round(rate) + " rows/s";
        }
    }
}

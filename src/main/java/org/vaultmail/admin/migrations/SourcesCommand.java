package org.vaultmail.admin.migrations;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.admin.migrations.Words.UsageError;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;

/** {@code migrate sources list|add|remove}: the hosts operators allow as migration sources (audited as {@code cli}). */
final class SourcesCommand {

    static final String ACTOR = "cli";

    private final MigrationSources sources;

    SourcesCommand(MigrationSources sources) {
        this.sources = sources;
    }

    int run(List<String> args, PrintStream out, PrintStream err) throws MigrationRefused {
        if (args.isEmpty()) throw new UsageError("which sources action? list, add or remove");
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "list" -> list(rest, out);
            case "add" -> add(rest, out);
            case "remove" -> remove(rest, out, err);
            default -> throw new UsageError("unknown sources action '" + args.getFirst() + "'");
        };
    }

    private int list(List<String> args, PrintStream out) {
        Words w = Words.parse(args, Set.of(), Set.of("--json"));
        if (!w.positional().isEmpty()) throw new UsageError("sources list takes no name");
        if (w.has("--json")) {
            out.println(JobJson.sources(sources.list()));
            return 0;
        }
        out.printf("%-24s %-32s %6s %-9s %s%n", "NAME", "HOST", "PORT", "SECURITY", "TRUST STORE");
        for (MigrationSource s : sources.list()) {
            out.printf("%-24s %-32s %6d %-9s %s%n", s.name(), s.host(), s.port(), s.security().name().toLowerCase(Locale.ROOT),
                    s.trustStore() == null ? "(system)" : s.trustStore());
        }
        return 0;
    }

    private int add(List<String> args, PrintStream out) throws MigrationRefused {
        Words w = Words.parse(args, Set.of("--host", "--port", "--security", "--trust-store"), Set.of());
        if (w.positional().size() != 1) throw new UsageError("sources add needs one NAME");
        String name = w.positional().getFirst();
        int port;
        try {
            port = Integer.parseInt(w.required("--port").strip());
        } catch (NumberFormatException e) {
            throw new UsageError("--port wants a number");
        }
        if (port < 1 || port > 65535) throw new UsageError("--port wants 1 to 65535");
        Security security;
        try {
            security = Security.valueOf(w.required("--security").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--security wants tls, starttls or plain");
        }
        String trust = w.value("--trust-store");
        MigrationSource saved = sources.save(new MigrationSource(name, w.required("--host").strip(), port, security,
                trust == null ? null : Path.of(trust).toAbsolutePath()), ACTOR);
        out.println("Migration source " + saved.name() + ": " + saved.host() + ":" + saved.port() + " ("
                + saved.security().name().toLowerCase(Locale.ROOT) + ") saved.");
        return 0;
    }

    private int remove(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) throw new UsageError("sources remove needs one NAME");
        if (!sources.remove(args.getFirst(), ACTOR)) {
            err.println("vaultmail migrate sources remove: no migration source '" + args.getFirst() + "'");
            return 1;
        }
        out.println("Migration source " + args.getFirst() + " removed.");
        return 0;
    }
}

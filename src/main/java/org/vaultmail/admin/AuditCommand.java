package org.vaultmail.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.vaultmail.audit.AuditLog;
import org.vaultmail.audit.ChainVerification;

/**
 * {@code ./vaultmail audit verify [--checkpoint FILE]… | export --since DATE [--format jsonl] | purge | checkpoint} (G10, ADR 0028).
 * Exit 0 ok, 1 chain broken or failure, 64 usage.
 */
@Component
class AuditCommand implements CliCommand {

    static final String USAGE = """
            usage: ./vaultmail audit verify [--checkpoint FILE]...
                          (default: against the checkpoints this server published under its data directory)
                   ./vaultmail audit export --since 2026-01-01[T00:00:00Z] [--format jsonl]
                   ./vaultmail audit purge      (entries older than vaultmail.audit.retention, default 365 days)
                   ./vaultmail audit checkpoint (publish a signed checkpoint of the chain head now)""";

    private final AuditLog audit;

    AuditCommand(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String summary() {
        return "the audit log: verify the hash chain against published checkpoints, export --since DATE (JSON lines), purge expired, checkpoint";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) return usage(err, "which audit action?");
        try {
            return switch (args.getFirst()) {
                case "verify" -> verify(args.subList(1, args.size()), out, err);
                case "export" -> export(args.subList(1, args.size()), out, err);
                case "purge" -> args.size() == 1 ? purge(out) : usage(err, "purge takes no arguments");
                case "checkpoint" -> args.size() == 1 ? checkpoint(out, err) : usage(err, "checkpoint takes no arguments");
                default -> usage(err, "unknown audit action '" + args.getFirst() + "'");
            };
        } catch (RuntimeException e) {
            err.println("vaultmail audit " + args.getFirst() + ": " + CommandLineInterface.describe(e));
            return 1;
        }
    }

    private int verify(List<String> args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("--checkpoint")) return usage(err, "unknown option '" + args.get(i) + "' for verify");
            if (i + 1 >= args.size() || args.get(i + 1).isBlank()) return usage(err, "'--checkpoint' needs a file");
            files.add(Path.of(args.get(++i)));
        }
        ChainVerification result = files.isEmpty() ? audit.verify() : audit.verify(files);
        String against = files.isEmpty() ? audit.checkpointFile().toString()
                : String.join(", ", files.stream().map(Path::toString).toList());
        result.notes().forEach(err::println);
        ChainVerification.Break broken = result.broken();
        if (broken == null) {
            // the first line is unchanged since issue 6: scripts match it
            out.println("Audit chain OK: " + result.checked() + " entries verified (sequence " + result.firstSeq()
                    + " to " + result.lastSeq() + ").");
            out.println("Consistent with " + result.checkpoints() + " published checkpoints (" + against + ").");
            return 0;
        }
        err.println("Audit chain BROKEN at sequence " + broken.sequence() + ": " + broken.problem());
        err.println("  expected: " + broken.expected());
        err.println("  found:    " + broken.found());
        err.println("  (" + result.checked() + " entries before it verified)");
        return 1;
    }

    private int export(List<String> args, PrintStream out, PrintStream err) {
        Instant since = null;
        String format = "jsonl";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) return usage(err, "'" + a + "' needs a value");
            String value = args.get(++i);
            switch (a) {
                case "--since" -> {
                    since = parseSince(value);
                    if (since == null) return usage(err, "--since wants an ISO date or date-time, not '" + value + "'");
                }
                case "--format" -> format = value;
                default -> {
                    return usage(err, "unknown option '" + a + "'");
                }
            }
        }
        if (since == null) return usage(err, "export needs --since");
        if (!format.equals("jsonl")) return usage(err, "the only format is jsonl");
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        long n = audit.exportJsonLines(since, writer);
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.println(n + " entries exported.");
        return 0;
    }

    private int purge(PrintStream out) {
        long n = audit.purgeExpired();
        out.println("Purged " + n + " entries older than " + audit.retention().toDays() + " days; the chain keeps a signed checkpoint.");
        return 0;
    }

    private int checkpoint(PrintStream out, PrintStream err) {
        var line = audit.publishCheckpoint();
        if (line.isPresent()) {
            out.println("Published to " + audit.checkpointFile() + ":");
            out.println(line.get());
            return 0;
        }
        err.println("No checkpoint published: the chain is empty, " + audit.checkpointFile() + " already ends with the current head, "
                + "or the chain contradicts it (then an error was logged; run ./vaultmail audit verify).");
        return 0;
    }

    static Instant parseSince(String value) {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException last) {
                    return null;
                }
            }
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("vaultmail audit: " + problem);
        err.println(USAGE);
        return 64;
    }
}

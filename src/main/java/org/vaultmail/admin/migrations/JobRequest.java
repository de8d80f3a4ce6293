package org.vaultmail.admin.migrations;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.admin.migrations.Words.UsageError;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;

/** The options {@code migrate add} and {@code migrate add-batch} share, turned into {@link MigrationOptions}. */
final class JobRequest {

    static final Set<String> VALUED = Set.of("--from-server", "--to-server", "--folders", "--exclude", "--mode", "--since",
            "--before", "--max-message-size");
    static final Set<String> SWITCHES = Set.of("--dry-run", "--skip-trash-junk", "--yes");

    private JobRequest() {
    }

    /**
     * The options; mirror mode is confirmed here only by {@code --yes} (the caller asks on a terminal first).
     * @throws UsageError for a malformed value
     */
    static MigrationOptions options(Words w, boolean mirrorConfirmed) {
        String modeText = w.value("--mode");
        MigrationMode mode;
        try {
            mode = modeText == null ? MigrationMode.COPY : MigrationMode.of(modeText);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        try {
            return new MigrationOptions(list(w.value("--folders")), list(w.value("--exclude")), List.of(),
                    date(w, "--since"), date(w, "--before"), bytes(w.value("--max-message-size")),
                    w.has("--skip-trash-junk"), w.has("--dry-run"), mode, mode == MigrationMode.MIRROR && mirrorConfirmed, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** Whether the mode asked for is mirror (which must be confirmed). */
    static boolean mirror(Words w) {
        String m = w.value("--mode");
        return m != null && m.strip().toLowerCase(Locale.ROOT).equals("mirror");
    }

    /** The server of an address when none is named: its domain (an operator-configured mail domain). */
    static String serverOf(@Nullable String named, String address) {
        if (named != null && !named.isBlank()) return named.strip();
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            throw new UsageError("'" + address + "' is not an address; name its server with --from-server/--to-server");
        }
        return address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static List<String> list(@Nullable String text) {
        if (text == null || text.isBlank()) return List.of();
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static @Nullable LocalDate date(Words w, String name) {
        String v = w.value(name);
        if (v == null) return null;
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new UsageError(name + " wants a date YYYY-MM-DD, not '" + v + "'");
        }
    }

    private static long bytes(@Nullable String text) {
        if (text == null) return 0;
        try {
            long n = Long.parseLong(text.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageError("--max-message-size wants a number of bytes, not '" + text + "'");
    }
}

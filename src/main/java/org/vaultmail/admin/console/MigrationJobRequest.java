package org.vaultmail.admin.console;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.migrate.FolderRule;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * A migration job as an operator posts it to {@code /admin/api/v1/migrations}, and its checks: both sides complete,
 * folder patterns and rules not empty, mirror mode confirmed. A failed check is an {@link IllegalArgumentException}
 * whose message the API answers as {@code invalid_options} (the admin API speaks English to scripts, ADR 0052).
 */
record MigrationJobRequest(@Nullable Side source, @Nullable Side destination, @Nullable Options options) {

    /** One side of a job as posted. The password is a {@code String} only until it is wrapped in a {@link Secret}. */
    record Side(@Nullable String server, @Nullable String login, @Nullable String password) {
        @Override
        public String toString() {
            return "Side[" + login + " at " + server + ", password=[PROTECTED]]";
        }
    }

    record Rule(@Nullable String source, @Nullable String destination) {
    }

    record Options(@Nullable List<String> includeFolders, @Nullable List<String> excludeFolders, @Nullable List<Rule> rules,
                   @Nullable LocalDate since, @Nullable LocalDate before, @Nullable Long maxMessageBytes,
                   @Nullable Boolean skipTrashAndJunk, @Nullable Boolean dryRun, @Nullable String mode,
                   @Nullable Boolean confirmMirror) {
    }

    /** The job to create; the caller closes it, which wipes both passwords. */
    NewJob toJob() {
        MigrationOptions checked = options(options);
        String missing = missing(source, "source") + missing(destination, "destination");
        if (!missing.isEmpty() || source == null || destination == null) {
            throw InputRefused.of("input.migrate.missingFields", missing.strip());
        }
        return new NewJob(login(source), login(destination), checked);
    }

    private static String missing(@Nullable Side side, String name) {
        if (side == null) return name + " ";
        StringBuilder m = new StringBuilder();
        if (blank(side.server())) m.append(name).append(".server ");
        if (blank(side.login())) m.append(name).append(".login ");
        if (side.password() == null || side.password().isEmpty()) m.append(name).append(".password ");
        return m.toString();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static ServerLogin login(Side side) {
        return new ServerLogin(side.server().strip(), side.login().strip(), Secret.ofUtf8(side.password()));
    }

    private static MigrationOptions options(@Nullable Options o) {
        if (o == null) return MigrationOptions.defaults();
        MigrationMode mode = o.mode() == null ? MigrationMode.COPY : MigrationMode.of(o.mode());
        if (mode == MigrationMode.MIRROR && !Boolean.TRUE.equals(o.confirmMirror())) {
            throw InputRefused.of("input.migrate.mirrorConfirmJson");
        }
        List<FolderRule> rules = o.rules() == null ? List.of() : o.rules().stream().map(r -> {
            if (r == null || blank(r.source()) || blank(r.destination())) {
                throw InputRefused.of("input.migrate.ruleFolders");
            }
            return new FolderRule(r.source(), r.destination());
        }).toList();
        return new MigrationOptions(texts(o.includeFolders()), texts(o.excludeFolders()), rules, o.since(), o.before(),
                o.maxMessageBytes() == null ? 0 : o.maxMessageBytes(), Boolean.TRUE.equals(o.skipTrashAndJunk()),
                Boolean.TRUE.equals(o.dryRun()), mode, mode == MigrationMode.MIRROR, 0, 0);
    }

    private static List<String> texts(@Nullable List<String> values) {
        if (values == null) return List.of();
        for (String v : values) {
            if (blank(v)) throw InputRefused.of("input.migrate.emptyPattern");
        }
        return values;
    }
}

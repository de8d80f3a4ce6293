package org.vaultmail.migrate.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.FolderRule;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;

/**
 * The options of an import as the API and the page send them, checked into {@link MigrationOptions} with a sentence
 * (and the field) for each mistake, so that no bad value reaches the jobs service as a bare exception.
 */
record ImportOptions(@Nullable List<String> includeFolders, @Nullable List<String> excludeFolders,
                     @Nullable List<Rule> rules, @Nullable String since, @Nullable String before,
                     @Nullable Long maxMessageBytes, @Nullable Boolean skipTrashAndJunk, @Nullable Boolean dryRun,
                     @Nullable String mode, @Nullable Boolean confirmMirror, @Nullable String gmailLabels) {

    static final int MAX_PATTERNS = 100;
    static final int MAX_PATTERN_LENGTH = 1000;

    /** A manual mapping rule: the source folder goes to {@code destination}. */
    record Rule(@Nullable String source, @Nullable String destination) {
    }

    static ImportOptions none() {
        return new ImportOptions(null, null, null, null, null, null, null, null, null, null, null);
    }

    MigrationOptions toOptions() {
        List<String> include = patterns("options.includeFolders", includeFolders);
        List<String> exclude = patterns("options.excludeFolders", excludeFolders);
        List<FolderRule> checkedRules = checkedRules();
        LocalDate from = date("options.since", since);
        LocalDate to = date("options.before", before);
        if (from != null && to != null && !from.isBefore(to)) {
            throw MigrationProblem.invalid("options.before", "problem.import.emptyRange", from.toString(), to.toString());
        }
        long max = maxMessageBytes == null ? 0 : maxMessageBytes;
        if (max < 0) throw MigrationProblem.invalid("options.maxMessageBytes", "problem.import.maxBytes");
        MigrationMode m;
        try {
            m = mode == null || mode.isBlank() ? MigrationMode.COPY : MigrationMode.of(mode.strip());
        } catch (IllegalArgumentException e) {
            throw MigrationProblem.invalid("options.mode", "problem.import.mode");
        }
        boolean confirmed = Boolean.TRUE.equals(confirmMirror);
        if (m == MigrationMode.MIRROR && !confirmed) {
            throw new MigrationProblem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.import.title.mirrorNotConfirmed", "mirror_not_confirmed",
                    UserText.of("problem.import.mirrorNotConfirmed"), "options.confirmMirror");
        }
        return new MigrationOptions(include, exclude, checkedRules, from, to, max, Boolean.TRUE.equals(skipTrashAndJunk),
                Boolean.TRUE.equals(dryRun), m, m == MigrationMode.MIRROR && confirmed, 0, 0, labels());
    }

    /** A Gmail-shaped source's labels (ADR 0046): {@code first-label} (default) or {@code all-labels}. */
    private MigrationOptions.GmailLabels labels() {
        if (blank(gmailLabels)) return MigrationOptions.GmailLabels.FIRST_LABEL;
        try {
            return MigrationOptions.GmailLabels.of(gmailLabels);
        } catch (IllegalArgumentException e) {
            throw MigrationProblem.invalid("options.gmailLabels", "problem.import.gmailLabels");
        }
    }

    private List<FolderRule> checkedRules() {
        if (rules == null) return List.of();
        if (rules.size() > MAX_PATTERNS) throw MigrationProblem.invalid("options.rules", "problem.import.tooManyRules", String.valueOf(MAX_PATTERNS));
        List<FolderRule> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r == null || blank(r.source()) || blank(r.destination())) {
                throw MigrationProblem.invalid("options.rules", "problem.import.ruleIncomplete");
            }
            String source = folder("options.rules", r.source());
            String destination = folder("options.rules", r.destination());
            out.add(new FolderRule(source, destination));
        }
        return out;
    }

    private static List<String> patterns(String field, @Nullable List<String> values) {
        if (values == null) return List.of();
        if (values.size() > MAX_PATTERNS) throw MigrationProblem.invalid(field, "problem.import.tooManyPatterns", String.valueOf(MAX_PATTERNS));
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (blank(v)) continue;
            out.add(folder(field, v));
        }
        return out;
    }

    private static String folder(String field, @Nullable String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() > MAX_PATTERN_LENGTH) throw MigrationProblem.invalid(field, "problem.import.folderTooLong", String.valueOf(MAX_PATTERN_LENGTH));
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) throw MigrationProblem.invalid(field, "problem.import.folderControl");
        }
        return v;
    }

    private static @Nullable LocalDate date(String field, @Nullable String value) {
        if (blank(value)) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw MigrationProblem.invalid(field, "problem.import.date");
        }
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}

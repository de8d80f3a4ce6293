package org.vaultmail.migrate.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The page's import form as typed (never the password): folder lists one per line, rules as {@code Source = Destination}
 * lines, the size limit in megabytes. {@link #options} turns it into the API's {@link ImportOptions}.
 */
record ImportForm(@Nullable String server, @Nullable String login, @Nullable String includeFolders,
                  @Nullable String excludeFolders, @Nullable String rules, @Nullable String since, @Nullable String before,
                  @Nullable String maxMessageMegabytes, @Nullable Boolean skipTrashAndJunk, @Nullable Boolean dryRun,
                  @Nullable String mode, @Nullable Boolean confirmMirror, @Nullable String gmailLabels) {

    static final ImportForm EMPTY = new ImportForm(null, null, null, null, null, null, null, null, null, null, "copy", null, null);

    ImportOptions options() {
        return new ImportOptions(lines(includeFolders), lines(excludeFolders), parsedRules(), since, before, maxBytes(),
                skipTrashAndJunk, dryRun, mode, confirmMirror, gmailLabels);
    }

    public boolean mirror() { // public: the template calls it
        return mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("mirror");
    }

    private @Nullable Long maxBytes() {
        if (maxMessageMegabytes == null || maxMessageMegabytes.isBlank()) return null;
        try {
            long mb = Long.parseLong(maxMessageMegabytes.strip());
            if (mb < 0 || mb > 1_000_000) throw new NumberFormatException();
            return mb * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw MigrationProblem.invalid("options.maxMessageBytes", "problem.import.maxMegabytes");
        }
    }

    private List<ImportOptions.Rule> parsedRules() {
        List<ImportOptions.Rule> out = new ArrayList<>();
        for (String line : lines(rules)) {
            int at = line.indexOf('=');
            if (at < 0) throw MigrationProblem.invalid("options.rules", "problem.import.ruleForm");
            out.add(new ImportOptions.Rule(line.substring(0, at).strip(), line.substring(at + 1).strip()));
        }
        return out;
    }

    private static List<String> lines(@Nullable String text) {
        if (text == null) return List.of();
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

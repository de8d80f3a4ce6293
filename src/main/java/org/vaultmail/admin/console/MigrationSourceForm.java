package org.vaultmail.admin.console;

import java.nio.file.Path;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.migrate.MigrationSource;

/**
 * The console's "add or replace a migration source" form, checked with Bean Validation when bound (each field's first
 * refusal is shown with its own text, {@code admin.sources.refused.<field>}); the sources service then applies its own
 * rules (a name users can pick, a host that resolves, a readable trust store) and refuses with {@code MigrationRefused}.
 */
record MigrationSourceForm(
        @NotBlank @Size(max = 63) @Nullable String name,
        @NotBlank @Size(max = 253) @Nullable String host,
        @NotNull @Min(1) @Max(65535) @Nullable Integer port,
        @NotNull @Pattern(regexp = "(?i)\\s*(tls|starttls|plain)\\s*") @Nullable String security,
        @Size(max = 1000) @Nullable String trustStore) {

    /** The fields in the order the form shows them: the first with a refusal is the one reported. */
    static final java.util.List<String> FIELDS = java.util.List.of("name", "host", "port", "security", "trustStore");

    static MigrationSourceForm blank() {
        return new MigrationSourceForm("", "", 993, "tls", "");
    }

    /** Only after validation passed. */
    MigrationSource toSource() {
        String trust = trustStore == null ? "" : trustStore.strip();
        return new MigrationSource(java.util.Objects.requireNonNull(name).strip(), java.util.Objects.requireNonNull(host).strip(),
                java.util.Objects.requireNonNull(port),
                Security.valueOf(java.util.Objects.requireNonNull(security).strip().toUpperCase(Locale.ROOT)),
                trust.isEmpty() ? null : Path.of(trust));
    }
}

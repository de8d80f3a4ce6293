package org.vaultmail.admin;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/** {@code ./vaultmail doctor}: runs every {@link DoctorCheck} and prints what it found. */
@Component
class DoctorCommand implements CliCommand {

    private final List<DoctorCheck> checks;

    DoctorCommand(List<DoctorCheck> checks) {
        this.checks = checks.stream().sorted(Comparator.comparing(DoctorCheck::topic)).toList();
    }

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "check the installation: Java, data directory, database, keys, mail servers";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int failures = 0;
        int warnings = 0;
        for (DoctorCheck check : checks) {
            out.println(check.topic());
            List<DoctorCheck.Finding> findings;
            try {
                findings = check.check();
            } catch (RuntimeException e) {
                findings = List.of(DoctorCheck.Finding.fail("check failed: " + CommandLineInterface.describe(e)));
            }
            for (DoctorCheck.Finding f : findings) {
                out.printf("  [%s] %s%n", f.level() == DoctorCheck.Level.OK ? " ok " : f.level().name(), f.message());
                if (f.level() == DoctorCheck.Level.FAIL) failures++;
                if (f.level() == DoctorCheck.Level.WARN) warnings++;
            }
        }
        out.printf("%n%d problem(s), %d warning(s)%n", failures, warnings);
        return failures > 0 ? 1 : 0;
    }
}

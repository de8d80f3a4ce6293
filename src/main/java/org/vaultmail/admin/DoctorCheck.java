package org.vaultmail.admin;

import java.util.List;

/** One aspect of {@code ./vaultmail doctor}: looks at the installation and reports findings. */
public interface DoctorCheck {

    /** Severity of a finding; any {@code FAIL} makes doctor exit non-zero. */
    enum Level { OK, WARN, FAIL }

    /** One line of the report. Messages must never contain a secret. */
    record Finding(Level level, String message) {
        public static Finding ok(String message) { return new Finding(Level.OK, message); }
        public static Finding warn(String message) { return new Finding(Level.WARN, message); }
        public static Finding fail(String message) { return new Finding(Level.FAIL, message); }
    }

    /** A heading for this check's findings, e.g. "Keys". */
    String topic();

    List<Finding> check();
}

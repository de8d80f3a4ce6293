package org.vaultmail.admin;

import java.util.List;

import org.springframework.stereotype.Component;

/** Vaultmail is built and tested on Java 25; older runtimes get a warning. */
@Component
class JavaVersionCheck implements DoctorCheck {

    static final int REQUIRED = 25;

    @Override
    public String topic() {
        return "Java";
    }

    @Override
    public List<Finding> check() {
        return List.of(check(Runtime.version().feature(), Runtime.version().toString(),
                System.getProperty("java.vendor", "unknown vendor")));
    }

    static Finding check(int feature, String version, String vendor) {
        String text = "Java " + version + " (" + vendor + ")";
        return feature >= REQUIRED ? Finding.ok(text) : Finding.warn(text + ": Vaultmail needs Java " + REQUIRED + " or newer");
    }
}

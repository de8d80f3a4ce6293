package org.vaultmail.admin.console;

import java.util.Locale;

import org.springframework.security.core.Authentication;

/** The signed-in operator's name, as recorded in the audit log. */
final class OperatorName {

    private OperatorName() {
    }

    static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    static String of(Authentication authentication) {
        return authentication.getName();
    }
}

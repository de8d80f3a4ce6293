package org.vaultmail.admin.console;

import org.springframework.security.core.Authentication;

/** The signed-in operator's name, as recorded in the audit log. */
final class OperatorName {

    private OperatorName() {
    }

    static String of(Authentication authentication) {
        return authentication.getName();
    }
}

package org.vaultmail.account;

import java.util.List;

/** The {@code vaultmail.domains} configuration is wrong; each problem names its property. */
public class InvalidMailDomainsException extends RuntimeException {

    private final List<String> problems;

    InvalidMailDomainsException(List<String> problems) {
        super("Invalid mail server configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

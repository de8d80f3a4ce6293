package org.vaultmail.audit;

import java.util.Locale;

/** Who acted: a mail user, an operator of the console, or Vaultmail itself (a job, the command line). */
public enum ActorType {
    USER, OPERATOR, SYSTEM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ActorType of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}

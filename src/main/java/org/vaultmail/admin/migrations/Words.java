package org.vaultmail.admin.migrations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** The words after a {@code migrate} action: {@code --name value} options, {@code --flag} switches and positionals. */
final class Words {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Words() {
    }

    /** @throws UsageError for an unknown option, a missing value or a repeated option */
    static Words parse(List<String> args, Set<String> valued, Set<String> switches) {
        Words w = new Words();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (valued.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.size()) throw new UsageError(name + " needs a value");
                    v = args.get(++i);
                }
                if (w.values.put(name, v) != null) throw new UsageError(name + " given twice");
            } else if (switches.contains(name) && inline == null) {
                w.flags.add(name);
            } else if (a.startsWith("-")) {
                throw new UsageError("unknown option " + name);
            } else {
                w.positional.add(a);
            }
        }
        return w;
    }

    @Nullable String value(String name) {
        return values.get(name);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) throw new UsageError("needs " + name);
        return v;
    }

    boolean has(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    /** A mistake on the command line (exit 64). */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}

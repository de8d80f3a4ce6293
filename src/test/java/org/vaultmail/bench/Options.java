package org.vaultmail.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** {@code --name=value} command-line options of a benchmark; unknown names are refused, so a typo cannot go unnoticed. */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> unused = new HashMap<>();

    Options(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) throw new IllegalArgumentException("expected --name=value, got " + arg);
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        unused.putAll(values);
    }

    String string(String name, String fallback) {
        unused.remove(name);
        return values.getOrDefault(name, fallback);
    }

    @Nullable String string(String name) {
        unused.remove(name);
        return values.get(name);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    /** A duration as {@code 120s}, {@code 2m} or plain seconds. */
    Duration duration(String name, Duration fallback) {
        String v = string(name);
        if (v == null) return fallback;
        if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        if (v.endsWith("s")) return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        return Duration.ofSeconds(Long.parseLong(v));
    }

    /** Call after reading every option. */
    void checkAllUsed() {
        if (!unused.isEmpty()) throw new IllegalArgumentException("unknown options: " + unused.keySet());
    }
}

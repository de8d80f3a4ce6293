package org.vaultmail.audit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A minimal JSON writer for flat objects of strings, numbers and booleans (details and export lines). */
final class Json {

    private Json() {
    }

    static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (out.length() > 1) out.append(',');
            string(out, k);
            out.append(':');
            value(out, v);
        });
        return out.append('}').toString();
    }

    /** A value; a {@link Raw} is written as is (already JSON). */
    static void value(StringBuilder out, @Nullable Object v) {
        switch (v) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.json());
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> string(out, v.toString());
        }
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** Text that is already JSON. */
    record Raw(String json) {
    }
}

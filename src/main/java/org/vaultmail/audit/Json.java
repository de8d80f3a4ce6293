package org.vaultmail.audit;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The audit log's JSON (entry details and export lines), on Jackson in one fixed form: flat objects of strings,
 * integers, booleans and nulls, keys in the order given (details come sorted from {@link AuditRecord}), no floats
 * (a fraction is written as a string: a float's text is not one form), other values as their {@code toString()}, control characters as lowercase
 * <code>&#92;u00xx</code> and U+2028/U+2029 escaped. That is byte for byte what the hand-written writer before it produced,
 * so the details of entries written since the first release read the same (the chain MACs the stored text).
 */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().characterEscapes(new Escapes()).build()).build();

    private Json() {
    }

    static String object(Map<String, ?> fields) {
        Map<String, Object> flat = new LinkedHashMap<>();
        fields.forEach((k, v) -> flat.put(k, flat(v)));
        return MAPPER.writeValueAsString(flat);
    }

    private static @Nullable Object flat(@Nullable Object v) {
        return switch (v) {
            case null -> null;
            case Raw raw -> new RawValue(raw.json());
            case Float f -> f.toString(); // no floats in the JSON: a fraction is kept as its text, never refused
            case Double d -> d.toString(); // (refusing would lose the audit entry of whatever happened)
            case BigDecimal d -> d.toPlainString();
            case Number n -> n;
            case Boolean b -> b;
            case String s -> s;
            default -> v.toString();
        };
    }

    /** Text that is already JSON. */
    record Raw(String json) {
    }

    /** JSON's required escapes, with every other control character as <code>&#92;u00xx</code> (lowercase) and U+2028/9 too. */
    private static final class Escapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') ascii[c] = ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public @Nullable SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) return new SerializedString(String.format("\\u%04x", ch));
            return null;
        }
    }
}

package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit JSON on Jackson writes what the hand-written writer before it wrote, byte for byte (kept below as the
 * reference), for every kind of value audit details hold; and it stays JSON a parser reads back.
 */
class JsonTest {

    @Test
    void everyKindOfDetailIsWrittenByteForByteAsBefore() {
        Map<String, Object> details = new TreeMap<>();
        details.put("text", "plain ascii");
        details.put("quotes", "say \"hi\" \\ back\\slash / slash");
        details.put("controls", "nl\n cr\r tab\t nul\u0000 bell\u0007 bs\b ff\f us\u001f del\u007f");
        details.put("unicode", "\u00e9t\u00e9 \u6f22\u5b57 \ud83d\udce7 line\u2028sep para\u2029sep");
        details.put("long", 1234567890123L);
        details.put("int", -42);
        details.put("big", new BigInteger("123456789012345678901234567890"));
        details.put("yes", true);
        details.put("no", false);
        details.put("nothing", null);
        details.put("instant", Instant.parse("2026-12-06T10:00:00Z"));
        details.put("list", java.util.List.of("a", "b"));
        assertThat(Json.object(details)).isEqualTo(Reference.object(details));
    }

    @Test
    void randomTextIsWrittenByteForByteAsBefore() {
        Random random = new Random(20261206);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                s.append(switch (random.nextInt(5)) {
                    case 0 -> (char) random.nextInt(0x20);
                    case 1 -> (char) (0x20 + random.nextInt(0x60));
                    case 2 -> (char) (0x2020 + random.nextInt(16));
                    case 3 -> (char) (0x80 + random.nextInt(0xD700));
                    default -> "\"\\/".charAt(random.nextInt(3));
                });
            }
            Map<String, Object> details = Map.of("k" + s, s.toString());
            String written = Json.object(details);
            assertThat(written).isEqualTo(Reference.object(details));
            assertThat(JsonMapper.builder().build().readTree(written).path("k" + s).asString()).isEqualTo(s.toString());
        }
    }

    @Test
    void exportLinesKeepTheirFieldOrderAndEmbedTheDetailsAsTheyAre() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", 7L);
        line.put("action", "signin");
        line.put("details", new Json.Raw("{\"b\":1,\"a\":\"x\"}"));
        line.put("hash", "ab01");
        assertThat(Json.object(line)).isEqualTo("{\"seq\":7,\"action\":\"signin\",\"details\":{\"b\":1,\"a\":\"x\"},\"hash\":\"ab01\"}")
                .isEqualTo(Reference.object(line));
    }

    @Test
    void fractionsAreWrittenAsStringsNotAsFloatingPointNumbers() {
        assertThat(Json.object(Map.of("ratio", 0.5))).isEqualTo("{\"ratio\":\"0.5\"}");
        assertThat(Json.object(Map.of("ratio", 0.25f))).isEqualTo("{\"ratio\":\"0.25\"}");
        assertThat(Json.object(Map.of("ratio", new java.math.BigDecimal("1E-3")))).isEqualTo("{\"ratio\":\"0.001\"}");
    }

    /** The hand-written writer Json replaced (as it was at 7fc88c4), kept as the reference its output must match. */
    private static final class Reference {
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

        static void value(StringBuilder out, @Nullable Object v) {
            switch (v) {
                case null -> out.append("null");
                case Json.Raw raw -> out.append(raw.json());
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
    }
}

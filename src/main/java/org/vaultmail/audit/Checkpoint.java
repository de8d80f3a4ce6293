package org.vaultmail.audit;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed statement, published outside the database, that the chain had reached sequence {@code seq}
 * with hash {@code hash} at {@code time} (ADR 0028). One JSON line each in the checkpoint file and in the
 * log; the Ed25519 signature covers every field but itself, under a key derived from the root keys.
 */
record Checkpoint(long seq, byte[] hash, Instant time, String node, String reason, byte[] publicKey, byte[] signature) {

    static final String PURGE = "purge";
    static final String INTERVAL = "interval";

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The bytes the signature covers. */
    static byte[] statement(long seq, byte[] hash, Instant time, String node, String reason) {
        return Canonical.published(seq, hash, time, node, reason);
    }

    byte[] statement() {
        return statement(seq, hash, time, node, reason);
    }

    String hashHex() {
        return HEX.formatHex(hash);
    }

    String jsonLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("hash", hashHex());
        fields.put("time", time.toString());
        fields.put("node", node);
        fields.put("reason", reason);
        fields.put("signer", Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey));
        fields.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return Json.object(fields);
    }

    /** What the log line starts with; {@link #fromLine} finds checkpoints in copies of the log too. */
    static final String LOG_MARKER = "Audit checkpoint: ";

    /**
     * The checkpoint text in one line of a checkpoint file or of a log (text or JSON format), or null when
     * the line holds none.
     */
    static @org.jspecify.annotations.Nullable String fromLine(String line) {
        if (line.startsWith("{\"seq\"")) return line;
        int marker = line.indexOf(LOG_MARKER);
        if (marker < 0) return null;
        if (line.startsWith("{")) {
            try {
                JsonNode message = JSON.readTree(line).get("message");
                if (message != null && message.isString() && message.asString().startsWith(LOG_MARKER)) {
                    return message.asString().substring(LOG_MARKER.length());
                }
            } catch (RuntimeException e) {
                // not a JSON log line: take the text after the marker
            }
        }
        return line.substring(marker + LOG_MARKER.length()).strip();
    }

    /** Parses one checkpoint; the message of the exception says which field is wrong. */
    static Checkpoint parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
        try {
            JsonNode seq = field(node, "seq");
            if (!seq.canConvertToLong()) throw new IllegalArgumentException("seq is not a number");
            return new Checkpoint(seq.asLong(), HEX.parseHex(text(node, "hash")), Instant.parse(text(node, "time")),
                    text(node, "node"), text(node, "reason"), Base64.getUrlDecoder().decode(text(node, "signer")),
                    Base64.getUrlDecoder().decode(text(node, "sig")));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "malformed field" : e.getMessage());
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) throw new IllegalArgumentException("field '" + name + "' is missing");
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isString()) throw new IllegalArgumentException("field '" + name + "' is not a string");
        return value.asString();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + seq + " " + hashHex() + " " + time + " " + node + " " + reason + "]";
    }
}

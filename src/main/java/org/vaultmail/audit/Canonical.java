package org.vaultmail.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The byte strings the chain's MACs are computed over. Every field is length-prefixed (null is
 * length -1), and each kind starts with its own tag, so no two different entries, heads or
 * checkpoints share an encoding.
 */
final class Canonical {

    private Canonical() {
    }

    static byte[] entry(long seq, Instant time, String actorType, String actorId, String action, @Nullable String target,
                        @Nullable String clientAddress, @Nullable String userAgent, String outcome, String details,
                        long macKey, byte[] prevHash) {
        return write(out -> {
            text(out, "vaultmail/audit/entry/v1");
            out.writeLong(seq);
            out.writeLong(time.toEpochMilli());
            text(out, actorType);
            text(out, actorId);
            text(out, action);
            text(out, target);
            text(out, clientAddress);
            text(out, userAgent);
            text(out, outcome);
            text(out, details);
            out.writeLong(macKey);
            bytes(out, prevHash);
        });
    }

    static byte[] entry(AuditEntry e) {
        return entry(e.seq(), e.time(), e.actorType().label(), e.actorId(), e.action(), e.target(), e.clientAddress(),
                e.userAgent(), e.outcome(), e.details(), e.macKey(), e.prevHash());
    }

    /** The chain head: the last sequence number and hash, so cutting entries off the end shows. */
    static byte[] head(long lastSeq, byte[] lastHash) {
        return write(out -> {
            text(out, "vaultmail/audit/head/v1");
            out.writeLong(lastSeq);
            bytes(out, lastHash);
        });
    }

    /** The checkpoint a purge leaves: the first remaining sequence number and the hash before it. */
    static byte[] checkpoint(long firstSeq, byte[] hashBefore) {
        return write(out -> {
            text(out, "vaultmail/audit/checkpoint/v1");
            out.writeLong(firstSeq);
            bytes(out, hashBefore);
        });
    }

    /** A checkpoint published outside the database (ADR 0028): head sequence and hash, when, where, why. */
    static byte[] published(long seq, byte[] hash, Instant time, String node, String reason) {
        return write(out -> {
            text(out, "vaultmail/audit/published-checkpoint/v1");
            out.writeLong(seq);
            bytes(out, hash);
            out.writeLong(time.toEpochMilli());
            text(out, node);
            text(out, reason);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void text(DataOutputStream out, @Nullable String value) throws IOException {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte @Nullable [] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }
}

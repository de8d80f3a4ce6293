package org.vaultmail.gateway.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaultmail.vault.Secret;

/**
 * What is sealed in {@code outbox_messages.content}: the SMTP envelope and the complete MIME message, exactly the
 * bytes that go after DATA. Encoded as a version byte, the sender, the recipients and the message, each with its
 * length, so nothing in a header can be taken for the envelope.
 */
public record OutboxContent(String envelopeFrom, List<String> recipients, byte[] mime) {

    private static final int VERSION = 1;

    public OutboxContent {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) throw new IllegalArgumentException("an outbox message needs at least one recipient");
    }

    /** The encoded form as a {@link Secret}, to be sealed; the caller closes it. */
    public Secret encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(mime.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(envelopeFrom);
            out.writeInt(recipients.size());
            for (String r : recipients) out.writeUTF(r);
            out.writeInt(mime.length);
            out.write(mime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] encoded = bytes.toByteArray();
        try {
            return Secret.copyOf(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    public static OutboxContent decode(Secret encoded) {
        byte[] bytes = encoded.revealBytes();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalStateException("unknown outbox content version " + version);
            String from = in.readUTF();
            int n = in.readInt();
            List<String> to = new ArrayList<>(n);
            for (int i = 0; i < n; i++) to.add(in.readUTF());
            byte[] mime = in.readNBytes(in.readInt());
            return new OutboxContent(from, to, mime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "OutboxContent[" + recipients.size() + " recipients, " + mime.length + " bytes]";
    }
}

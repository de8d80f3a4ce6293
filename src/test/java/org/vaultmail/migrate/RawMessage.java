package org.vaultmail.migrate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message that Angus' APPEND sends as exactly these bytes, with these flags and this INTERNALDATE (Angus takes the
 * flags from {@link #getFlags()} and the date from {@link #getReceivedDate()}).
 */
final class RawMessage extends MimeMessage {

    private final byte[] raw;
    private final Date received;

    RawMessage(byte[] raw, Flags flags, Date received) throws MessagingException {
        super((Session) null);
        this.raw = raw.clone();
        this.received = received;
        setFlags(flags, true);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        os.write(raw);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(raw);
    }

    @Override
    public int getSize() {
        return raw.length;
    }

    @Override
    public Date getReceivedDate() {
        return received;
    }
}

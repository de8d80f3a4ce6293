package org.eclipse.angus.mail.smtp;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;

/**
 * Vaultmail's bridge to the two protected steps of {@link SMTPTransport}'s DATA phase (same package, so checked by
 * the compiler rather than found by reflection). The outbox worker (ADR 0038) must record durably that DATA is about
 * to be sent between RCPT TO and DATA, which {@code sendMessage} does in one call; MAIL FROM and RCPT TO go through
 * the public {@code simpleCommand}. Callers hold the transport's monitor, as Angus asserts.
 */
public final class VaultmailDataPhase {

    private VaultmailDataPhase() {
    }

    /** Sends DATA and expects 354; the stream dot-stuffs what is written to it. */
    public static OutputStream data(SMTPTransport transport) throws MessagingException {
        return transport.data();
    }

    /** Ends the data with CRLF.CRLF and expects 250 (else {@link SMTPSendFailedException} with the reply). */
    public static void finishData(SMTPTransport transport) throws IOException, MessagingException {
        transport.finishData();
    }
}

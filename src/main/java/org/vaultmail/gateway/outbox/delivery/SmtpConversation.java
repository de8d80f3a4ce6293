package org.vaultmail.gateway.outbox.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.smtp.VaultmailDataPhase;
import org.jspecify.annotations.Nullable;
import org.vaultmail.gateway.outbox.OutboxContent;

/**
 * One message over an authenticated SMTP transport (RFC 5321 §3.3): MAIL FROM, RCPT TO for each recipient, then the
 * DATA mark ({@code markDataSent}, committed before DATA is written), DATA and the final reply. Everything before the
 * mark can fail and be retried safely; everything after it without a final reply is {@link DeliveryOutcome.Uncertain}.
 *
 * <p>Partial refusal: recipients refused with 5xx are left out and counted, the message goes to the accepted ones
 * (as any MTA does); one 4xx on a recipient makes the whole attempt temporary (RSET, nothing sent), so a later attempt
 * reaches everyone at once.
 */
final class SmtpConversation {

    private SmtpConversation() {
    }

    static DeliveryOutcome deliver(SMTPTransport t, OutboxContent content, BooleanSupplier markDataSent) throws MessagingException {
        synchronized (t) { // Angus asserts its monitor is held in the data phase
            if (!safe(content.envelopeFrom())) return new DeliveryOutcome.Permanent("invalid_address", 501, "sender address not sendable");
            for (String r : content.recipients()) {
                if (!safe(r)) return new DeliveryOutcome.Permanent("invalid_address", 501, "recipient address not sendable");
            }
            String body = eightBit(content.mime()) && t.supportsExtension("8BITMIME") ? " BODY=8BITMIME" : "";
            int code = t.simpleCommand("MAIL FROM:<" + content.envelopeFrom() + ">" + body);
            if (code / 100 != 2) return refusedBeforeData(t, code, "sender_deferred", "rejected_sender");
            int accepted = 0;
            int refused = 0;
            Integer refusalCode = null;
            String refusalText = null;
            for (String r : content.recipients()) {
                code = t.simpleCommand("RCPT TO:<" + r + ">");
                if (code / 100 == 2) {
                    accepted++;
                } else if (code / 100 == 5) {
                    refused++;
                    if (refusalCode == null) {
                        refusalCode = code;
                        refusalText = reply(t);
                    }
                } else {
                    return refusedBeforeData(t, code, "recipient_deferred", "recipient_deferred");
                }
            }
            if (accepted == 0) {
                reset(t);
                return new DeliveryOutcome.Permanent("rejected_recipient", refusalCode == null ? 550 : refusalCode,
                        refusalText == null ? "" : refusalText);
            }
            if (!markDataSent.getAsBoolean()) {
                reset(t);
                return new DeliveryOutcome.LeaseLost();
            }
            OutputStream data;
            try {
                data = VaultmailDataPhase.data(t);
            } catch (SMTPSendFailedException e) {
                // the server answered DATA itself: it has no content of ours
                return e.getReturnCode() / 100 == 5
                        ? new DeliveryOutcome.Permanent("rejected_message", e.getReturnCode(), reply(t))
                        : new DeliveryOutcome.Temporary("data_deferred", code(e.getReturnCode()), reply(t));
            } catch (MessagingException e) {
                return new DeliveryOutcome.Temporary("connection_lost_before_data", null, null);
            }
            try {
                data.write(content.mime());
                data.flush();
                VaultmailDataPhase.finishData(t);
            } catch (SMTPSendFailedException e) {
                int c = e.getReturnCode();
                if (c / 100 == 5) return new DeliveryOutcome.Permanent("rejected_message", c, reply(t));
                if (c / 100 == 4) return new DeliveryOutcome.Temporary("message_deferred", c, reply(t));
                return new DeliveryOutcome.Uncertain("no final reply after the data (" + e.getClass().getSimpleName() + ")");
            } catch (IOException | MessagingException e) {
                return new DeliveryOutcome.Uncertain("no final reply after the data (" + e.getClass().getSimpleName() + ")");
            }
            return new DeliveryOutcome.Sent(t.getLastReturnCode(), reply(t), refused, refusalCode);
        }
    }

    private static DeliveryOutcome refusedBeforeData(SMTPTransport t, int code, String temporary, String permanent)
            throws MessagingException {
        String text = reply(t);
        reset(t);
        if (code / 100 == 5) return new DeliveryOutcome.Permanent(permanent, code, text);
        return new DeliveryOutcome.Temporary(temporary, code(code), text);
    }

    private static void reset(SMTPTransport t) {
        try {
            t.simpleCommand("RSET");
        } catch (MessagingException ignored) {
            // the session ends anyway
        }
    }

    /** The last reply on one line, at most 500 characters (the column). */
    static String reply(SMTPTransport t) {
        String r = t.getLastServerResponse();
        if (r == null) return "";
        r = r.replaceAll("[\\r\\n]+", " ").strip();
        return r.length() > 500 ? r.substring(0, 500) : r;
    }

    private static @Nullable Integer code(int code) {
        return code > 0 ? code : null;
    }

    /** An address that cannot break the command line (the API validates; this is the last guard). */
    static boolean safe(String address) {
        if (address.isEmpty() || address.length() > 320) return false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 127) return false;
        }
        return address.indexOf('@') > 0;
    }

    private static boolean eightBit(byte[] mime) {
        for (byte b : mime) if (b < 0) return true;
        return false;
    }
}

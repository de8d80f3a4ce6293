package org.vaultmail.migrate.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * APPEND, or MULTIAPPEND (RFC 3502) of several messages in one command, each with its flags (those PERMANENTFLAGS
 * allows) and its INTERNALDATE; Angus writes the literals as {@code {n+}} when the server has LITERAL+. The
 * destination UIDs come from the tagged OK's APPENDUID (RFC 4315), in the order of the messages.
 */
final class Appender {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx", Locale.US).withZone(ZoneOffset.UTC);

    /** The tagged reply: OK with the destination UIDs (empty without UIDPLUS), or refused with its response code. */
    record Outcome(boolean ok, List<Long> destinationUids, Optional<String> code, Response[] responses) {
    }

    private final SyncCounters counters;

    Appender(SyncCounters counters) {
        this.counters = counters;
    }

    /** One APPEND command for all {@code messages} (MULTIAPPEND when more than one). */
    Outcome append(IMAPFolder destination, List<FetchedMessage> messages, Set<String> permanentFlags)
            throws MessagingException {
        Argument args = (Argument) destination.doCommand(p -> {
            Argument a = ImapCommands.mailbox(p, destination.getFullName());
            for (FetchedMessage m : messages) {
                a.writeArgument(FlagNames.list(FlagNames.allowed(m.flags(), permanentFlags)));
                a.writeString(date(m.internalDate()));
                a.writeBytes(m);
            }
            return a;
        });
        counters.appendCommands.incrementAndGet();
        Response[] responses = ImapCommands.runRaw(destination, "APPEND", args);
        Response tagged = responses[responses.length - 1];
        if (tagged.isTagged() && tagged.isOK()) {
            counters.messagesAppended.addAndGet(messages.size());
            List<Long> uids = ImapCommands.appendUids(tagged);
            return new Outcome(true, uids.size() == messages.size() ? uids : List.of(), Optional.empty(), responses);
        }
        return new Outcome(false, List.of(), ImapCommands.code(tagged), responses);
    }

    /** RFC 3501 date-time, in UTC: the same instant as the source's INTERNALDATE. */
    static String date(Instant instant) {
        return DATE_TIME.format(instant);
    }
}

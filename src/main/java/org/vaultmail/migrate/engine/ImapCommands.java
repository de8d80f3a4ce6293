package org.vaultmail.migrate.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.jspecify.annotations.Nullable;

/**
 * Raw IMAP commands through Angus Mail's {@link IMAPFolder#doCommand} (the folder's connection when it is open, the
 * store's otherwise), with the throttling replies turned into {@link ServerThrottled} and a dropped connection into
 * Angus' own FolderClosed/StoreClosed exceptions.
 */
final class ImapCommands {

    private static final Pattern CODE = Pattern.compile("\\[([A-Z][A-Z0-9-]*)");

    private ImapCommands() {
    }

    /** Sends one command; throws {@link ServerThrottled} on a throttling reply. The last response is the tagged one. */
    static Response[] run(IMAPFolder folder, boolean source, String command, @Nullable Argument args)
            throws MessagingException, ServerThrottled {
        Response[] responses = runRaw(folder, command, args);
        throwIfThrottled(responses, source);
        return responses;
    }

    /** As {@link #run} but leaves the throttling check to the caller (APPEND must record the refusal first). */
    static Response[] runRaw(IMAPFolder folder, String command, @Nullable Argument args) throws MessagingException {
        return (Response[]) folder.doCommand(p -> {
            Response[] responses = p.command(command, args);
            List<Response> untagged = new ArrayList<>();
            for (Response r : responses) {
                if (r.isUnTagged() && !(r instanceof FetchResponse) && !(r instanceof IMAPResponse i && i.keyEquals("SEARCH"))) {
                    untagged.add(r);
                }
            }
            Response last = responses[responses.length - 1];
            if (last.isBYE() && !throttled(responses)) p.handleResult(last); // a dropped connection: Angus' exception
            p.notifyResponseHandlers(untagged.toArray(new Response[0]));
            return responses;
        });
    }

    /** The tagged OK, or a MessagingException naming what failed (never the server's text). */
    static Response requireOk(Response[] responses, String what) throws MessagingException {
        Response tagged = responses[responses.length - 1];
        if (!tagged.isOK()) {
            throw new MessagingException(what + " was refused" + code(tagged).map(c -> " [" + c + "]").orElse(""));
        }
        return tagged;
    }

    static void throwIfThrottled(Response[] responses, boolean source) throws ServerThrottled {
        if (throttled(responses)) {
            throw new ServerThrottled(source, (source ? "the source" : "the destination") + " server asked to slow down");
        }
    }

    static boolean throttled(Response[] responses) {
        for (Response r : responses) {
            // status replies only: a FETCH reply holds message bytes, which may say anything
            if (r instanceof FetchResponse || !(r.isTagged() || r.isOK() || r.isNO() || r.isBAD() || r.isBYE())) continue;
            String text = r.toString().toUpperCase(Locale.ROOT);
            if (text.contains("[THROTTLED]")) return true;
            if ((r.isNO() || r.isBYE()) && text.contains("[UNAVAILABLE]")) return true;
            if (r.isBYE() && (text.contains("THROTTL") || text.contains("UNAVAILABLE"))) return true;
        }
        return false;
    }

    /** The response code of a reply ({@code LIMIT}, {@code TOOBIG}, …): an atom, so it cannot carry a secret. */
    static java.util.Optional<String> code(Response response) {
        Matcher m = CODE.matcher(response.toString());
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** A mailbox name as the wire wants it: UTF-8 when enabled, modified UTF-7 otherwise. */
    static Argument mailbox(IMAPProtocol p, String name) {
        Argument arg = new Argument();
        if (p.supportsUtf8()) arg.writeString(name, StandardCharsets.UTF_8);
        else arg.writeString(BASE64MailboxEncoder.encode(name));
        return arg;
    }

    /** UID sets of at most {@value UidSets#MAX_RANGES} ranges each ({@code 1:5,7,9:12}), ascending. */
    static List<String> uidSets(Collection<Long> uids) {
        return UidSets.of(uids);
    }

    /** Parses {@code [APPENDUID validity uid-set]} from a tagged OK: the destination UIDs in order, or empty. */
    static List<Long> appendUids(Response tagged) {
        String text = tagged.toString();
        int at = text.toUpperCase(Locale.ROOT).indexOf("[APPENDUID ");
        if (at < 0) return List.of();
        int end = text.indexOf(']', at);
        String[] parts = text.substring(at + 11, end < 0 ? text.length() : end).trim().split(" ");
        if (parts.length < 2) return List.of();
        List<Long> uids = new ArrayList<>();
        for (String range : parts[1].split(",")) {
            int colon = range.indexOf(':');
            if (colon < 0) {
                uids.add(Long.parseLong(range));
            } else {
                long a = Long.parseLong(range.substring(0, colon));
                long b = Long.parseLong(range.substring(colon + 1));
                for (long u = Math.min(a, b); u <= Math.max(a, b); u++) uids.add(u);
            }
        }
        return uids;
    }
}

package org.vaultmail.reading;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.FolderInfo;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.MessagePart;
import org.vaultmail.mail.MessageSummary;

/** The JSON shapes of the reading API (stable names: scripts rely on them; see the OpenAPI document). */
final class ApiViews {

    private ApiViews() {
    }

    record Folder(String path, String name, @Nullable String role, int total, int unread, boolean selectable, String delimiter) {
        static Folder of(FolderInfo f) {
            return new Folder(f.path().asString(), f.name(), f.role() == null ? null : f.role().name().toLowerCase(Locale.ROOT),
                    f.total(), f.unread(), f.selectable(), f.path().delimiter() == '\0' ? "" : String.valueOf(f.path().delimiter()));
        }
    }

    record Address(@Nullable String name, String address) {
        static @Nullable Address of(@Nullable EmailAddress a) {
            return a == null ? null : new Address(a.name(), a.address());
        }

        static List<Address> all(List<EmailAddress> list) {
            return list.stream().map(a -> new Address(a.name(), a.address())).toList();
        }
    }

    record Summary(long uid, String subject, @Nullable Address from, @Nullable Instant date, long size, List<String> flags,
                   boolean hasAttachments, @Nullable String preview) {
        static Summary of(MessageSummary m) {
            return new Summary(m.uid().uid(), m.subject(), Address.of(m.from()), m.date(), m.size(), ApiViews.flagNames(m.flags()),
                    m.hasAttachments(), m.preview());
        }
    }

    /** A hit of a search over all folders: a summary that names its folder. */
    record SearchHit(String folder, long uid, String subject, @Nullable Address from, @Nullable Instant date, long size,
                     List<String> flags, boolean hasAttachments, @Nullable String preview) {
        static SearchHit of(MessageSummary m) {
            return new SearchHit(m.uid().folder().asString(), m.uid().uid(), m.subject(), Address.of(m.from()), m.date(), m.size(),
                    ApiViews.flagNames(m.flags()), m.hasAttachments(), m.preview());
        }
    }

    record SearchResults(int total, List<SearchHit> messages) {
        static SearchResults of(org.vaultmail.mail.SearchResults results) {
            return new SearchResults(results.total(), results.messages().stream().map(SearchHit::of).toList());
        }
    }

    record Page(int total, int offset, List<Summary> messages) {
        static Page of(MessagePage page) {
            return new Page(page.total(), page.offset(), page.messages().stream().map(Summary::of).toList());
        }
    }

    record Attachment(String partId, @Nullable String filename, String contentType, long size) {
        static Attachment of(MessagePart p) {
            return new Attachment(p.partId(), Attachments.filename(p), p.contentType(), p.size());
        }
    }

    record Message(long uid, String subject, @Nullable Address from, List<Address> to, List<Address> cc, @Nullable Instant date,
                   List<String> flags, @Nullable String text, @Nullable String html, List<Attachment> attachments,
                   boolean remoteContentBlocked, boolean remoteContentShown, boolean truncated, @Nullable String messageId,
                   long size) {
        static Message of(MessageView v) {
            var d = v.detail();
            return new Message(d.uid().uid(), d.subject(), d.from().isEmpty() ? null : Address.of(d.from().getFirst()),
                    Address.all(d.to()), Address.all(d.cc()), d.date(), ApiViews.flagNames(d.flags()), v.text(), v.html(),
                    v.attachments().stream().map(Attachment::of).toList(), v.remoteContentBlocked(), v.remoteContentShown(),
                    v.truncated(), d.messageId(), d.size());
        }
    }

    /** Flags as lower-case words: seen, flagged, answered, draft, deleted. */
    static List<String> flagNames(Set<MessageFlag> flags) {
        return flags.stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }

    record FlagChange(@Nullable List<String> add, @Nullable List<String> remove) {
    }

    record Sender(@Nullable String address) {
    }
}

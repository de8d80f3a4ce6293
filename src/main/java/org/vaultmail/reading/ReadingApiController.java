package org.vaultmail.reading;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.Sort;

/**
 * The reading API: {@code /api/v1/folders}, message lists, messages, attachments and source. A folder is
 * addressed by its full path as one URL-encoded path segment ({@code Archive%2F2024}).
 */
@RestController
@RequestMapping("/api/v1")
class ReadingApiController {

    /** Headers for content that came from a mail: never sniffed, never a document that can run anything. */
    static final String DOWNLOAD_CSP = "default-src 'none'; sandbox";

    private final Mailbox mailbox;

    ReadingApiController(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/folders")
    List<ApiViews.Folder> folders(@AuthenticationPrincipal AuthenticatedSession me) {
        return mailbox.folders(me).stream().map(ApiViews.Folder::of).toList();
    }

    @GetMapping("/folders/{folder}/messages")
    ApiViews.Page messages(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder,
                           @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit,
                           @RequestParam(defaultValue = "date") String sort, @RequestParam(defaultValue = "desc") String order,
                           @RequestParam(required = false) @Nullable String q) {
        FolderPath path = mailbox.folder(me, folder);
        if (offset < 0) throw InputRefused.of("input.reading.offset");
        if (limit < 1 || limit > Mailbox.MAX_PAGE) throw InputRefused.of("input.reading.limit", Mailbox.MAX_PAGE);
        return ApiViews.Page.of(mailbox.list(me, path, offset, limit, sort(sort), descending(order), SearchQueryParser.parse(q)));
    }

    /** Search every folder; newest hits first, each naming its folder. */
    @GetMapping("/search")
    ApiViews.SearchResults search(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String q,
                                  @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > Mailbox.MAX_PAGE) throw InputRefused.of("input.reading.limit", Mailbox.MAX_PAGE);
        var query = SearchQueryParser.parse(q);
        if (query == null) throw InputRefused.of("input.reading.queryBlank");
        return ApiViews.SearchResults.of(mailbox.searchAll(me, query, limit));
    }

    @GetMapping("/folders/{folder}/messages/{uid}")
    ApiViews.Message message(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                             @RequestParam(defaultValue = "false") boolean remote) {
        return ApiViews.Message.of(mailbox.read(me, mailbox.folder(me, folder), uid, remote));
    }

    @GetMapping("/folders/{folder}/messages/{uid}/attachments/{partId}")
    void attachment(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                    @PathVariable String partId, HttpServletResponse response) {
        mailbox.part(me, mailbox.folder(me, folder), uid, partId, (part, in) -> {
            response.setContentType(Attachments.servedType(part));
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(Attachments.filename(part), StandardCharsets.UTF_8).build().toString());
            downloadHeaders(response);
            try (OutputStream out = response.getOutputStream()) {
                return in.transferTo(out);
            }
        });
    }

    /** The raw message: shown as text ({@code download=false}) or saved as an .eml file. */
    @GetMapping("/folders/{folder}/messages/{uid}/source")
    void source(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                @RequestParam(defaultValue = "false") boolean download, HttpServletResponse response) {
        FolderPath path = mailbox.folder(me, folder);
        mailbox.source(me, path, uid, in -> {
            response.setContentType(download ? "message/rfc822" : "text/plain; charset=utf-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                    .filename("message-" + uid + ".eml", StandardCharsets.UTF_8).build().toString());
            downloadHeaders(response);
            try (OutputStream out = response.getOutputStream()) {
                return in.transferTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Adds ({@code add}) and removes ({@code remove}) flags: seen, flagged, answered, draft. */
    @PostMapping("/folders/{folder}/messages/{uid}/flags")
    ResponseEntity<Void> flags(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                               @RequestBody ApiViews.FlagChange change) {
        FolderPath path = mailbox.folder(me, folder);
        Set<MessageFlag> add = flags(change.add());
        Set<MessageFlag> remove = flags(change.remove());
        if (!add.isEmpty()) mailbox.setFlags(me, path, List.of(uid), add, true);
        if (!remove.isEmpty()) mailbox.setFlags(me, path, List.of(uid), remove, false);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/settings/remote-content/senders")
    List<String> trustedSenders(@AuthenticationPrincipal AuthenticatedSession me) {
        return mailbox.trustedSenders(me);
    }

    @PostMapping("/settings/remote-content/senders")
    ResponseEntity<Void> trustSender(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody ApiViews.Sender sender) {
        if (sender.address() == null) throw InputRefused.of("input.reading.addressRequired");
        mailbox.trustSender(me, sender.address());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/settings/remote-content/senders/{address}")
    ResponseEntity<Void> distrustSender(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String address) {
        mailbox.distrustSender(me, address);
        return ResponseEntity.noContent().build();
    }

    static void downloadHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", DOWNLOAD_CSP);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    static Sort sort(String sort) {
        try {
            return Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InputRefused.of("input.reading.sort");
        }
    }

    static boolean descending(String order) {
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw InputRefused.of("input.reading.order");
        };
    }

    private static Set<MessageFlag> flags(@Nullable List<String> names) {
        Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
        if (names == null) return flags;
        for (String name : names) {
            MessageFlag flag;
            try {
                flag = MessageFlag.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InputRefused.of("input.reading.flagUnknown", name);
            }
            // outside the try: this refusal is an IllegalArgumentException too, and must not become "unknown flag"
            if (flag == MessageFlag.DELETED) throw InputRefused.of("input.reading.flagDeleted");
            flags.add(flag);
        }
        return flags;
    }
}

package org.vaultmail.compose;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.vaultmail.auth.AuthenticatedSession;

/**
 * The composer page ({@code /compose}, ADR 0016). The page is a shell: {@code compose.js} loads and saves the
 * draft through the JSON API. Reply, reply-all and forward are POSTs (they create a draft, so never on a GET):
 * the draft is saved first, with the original's quote or the original as a file, then opened.
 */
@Controller
class ComposePageController {

    private final Identities identities;
    private final Limits limits;
    private final Sending sending;
    private final Replies replies;
    private final Drafts drafts;

    ComposePageController(Identities identities, Limits limits, Sending sending, Replies replies, Drafts drafts) {
        this.identities = identities;
        this.limits = limits;
        this.sending = sending;
        this.replies = replies;
        this.drafts = drafts;
    }

    @GetMapping("/compose")
    String compose(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(required = false) @Nullable Long draft, Model model,
                   java.util.Locale locale) {
        Limits.Effective l = limits.of(me);
        model.addAttribute("me", me.address());
        model.addAttribute("identities", identities.list(me));
        model.addAttribute("draftUid", draft);
        model.addAttribute("maxFileBytes", l.maxFile());
        model.addAttribute("maxFileText", org.vaultmail.i18n.ByteSizes.format(l.maxFile(), locale));
        model.addAttribute("undoMillis", sending.undoDelay().toMillis());
        model.addAttribute("sendToken", java.util.UUID.randomUUID().toString()); // the send's idempotency key (ADR 0057)
        return "compose";
    }

    /** Starts a reply ({@code mode=reply|reply-all}) or forward ({@code forward|forward-attachment}) as a new draft. */
    @PostMapping("/compose/start")
    String start(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String folder, @RequestParam long uid,
                 @RequestParam String mode) {
        Replies.Start start = replies.start(me, folder, uid, Replies.Mode.parse(mode));
        Identity identity = identities.resolve(me, null);
        Letter letter = start.letter();
        if (identity.signature() != null) {
            letter = new Letter(letter.from(), letter.to(), letter.cc(), letter.bcc(), letter.subject(),
                    "\n\n-- \n" + identity.signature() + letter.text(), letter.html(), letter.inReplyTo(), letter.references(),
                    letter.attachments(), letter.original());
        }
        Drafts.Draft saved = drafts.save(me, letter, null, null);
        return "redirect:" + UriComponentsBuilder.fromPath("/compose").queryParam("draft", saved.uid()).build().toUriString();
    }
}

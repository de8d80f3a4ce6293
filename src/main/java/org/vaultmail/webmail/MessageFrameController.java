package org.vaultmail.webmail;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.vault.VaultException;

/**
 * The message body as a document of its own, shown in the reading pane's sandboxed iframe. Its headers are set
 * here, before Spring Security's, which then leaves them alone: no script of any kind, only same-origin and
 * data: images (cid parts and the image proxy), inline styles of the mail, and framing by this origin only.
 */
@Controller
class MessageFrameController {

    static final String FRAME_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'none'; object-src 'none'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private static final Logger log = LoggerFactory.getLogger(MessageFrameController.class);

    private final Mailbox mailbox;
    private final FrameHandoff handoff;

    MessageFrameController(Mailbox mailbox, FrameHandoff handoff) {
        this.mailbox = mailbox;
        this.handoff = handoff;
    }

    @GetMapping("/mail/{folder}/{uid}/frame")
    String frame(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String folder, @PathVariable long uid,
                 @RequestParam(defaultValue = "false") boolean remote, HttpServletResponse response, Model model) {
        frameHeaders(response);
        FolderPath path = mailbox.folder(me, folder);
        FrameBody body = handoff.take(me.userId(), me.sessionId(), path.asString(), uid, remote)
                .orElseGet(() -> FrameBody.of(mailbox.read(me, path, uid, remote)));
        model.addAttribute("body", body);
        return "mail/frame";
    }

    /** A frame that failed still gets the frame's headers and a short note, never the error page inside the pane. */
    @ExceptionHandler({MailStoreException.class, VaultException.class})
    String failed(RuntimeException e, HttpServletResponse response, Model model) {
        log.info("Message frame failed: {}", e.getMessage());
        frameHeaders(response);
        response.setStatus(e instanceof MailStoreException m && m.reason() == MailStoreException.Reason.NOT_FOUND ? 404 : 503);
        model.addAttribute("body", new FrameBody("", true, true));
        model.addAttribute("failed", true);
        return "mail/frame";
    }

    static void frameHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", FRAME_CSP);
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }
}

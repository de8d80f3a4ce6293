package org.vaultmail.gateway.mailboxes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.vault.Secret;

/**
 * {@code /settings/api/mailboxes}: plain forms (no script needed): connect (own or another mailbox), test without
 * saving, replace a password, disconnect after a confirmation step. A refused form comes back with what was typed,
 * except the password; success redirects (post/redirect/get) with a message.
 */
@Controller
class MailboxesPageController {

    private static final String PAGE = "/settings/api/mailboxes";

    private final MailboxSettings settings;

    MailboxesPageController(MailboxSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/settings/api")
    String area() {
        return "redirect:" + PAGE;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        return render(me, model, Form.EMPTY);
    }

    /** {@code action=test} tests only; {@code connect} tests and saves. {@code kind=own} ignores any typed address. */
    @PostMapping(PAGE)
    String connect(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "own") String kind,
                   @RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String password,
                   @RequestParam(defaultValue = "connect") String action, HttpServletRequest request,
                   HttpServletResponse response, Model model, RedirectAttributes redirect) {
        boolean own = !"shared".equals(kind);
        Form form = new Form(own ? "own" : "shared", own ? "" : address.strip(), null, null);
        try (Secret pw = Secret.ofUtf8(password)) {
            MailboxEvents.Actor actor = MailboxesApiController.actor(me, request);
            if ("test".equals(action)) {
                settings.test(actor, own ? null : address, pw);
                return render(me, model, form.withMessage("The mail server accepted this login. Nothing was saved yet.", true));
            }
            ConnectedMailbox m = settings.connect(actor, own ? null : address, pw);
            redirect.addFlashAttribute("message", "Connected " + m.address() + ".");
            return "redirect:" + PAGE;
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, form.withMessage(e.getMessage(), false));
        }
    }

    @PostMapping(PAGE + "/{id}/password")
    String replacePassword(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id,
                           @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                           HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try (Secret pw = Secret.ofUtf8(password)) {
            ConnectedMailbox m = settings.replacePassword(MailboxesApiController.actor(me, request), id, pw);
            redirect.addFlashAttribute("message", "The new password for " + m.address() + " works and is stored.");
            return "redirect:" + PAGE;
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, new Form("own", "", id, null).withMessage(e.getMessage(), false));
        }
    }

    /** Without {@code confirm=yes} only asks; with it, disconnects. */
    @PostMapping(PAGE + "/{id}/disconnect")
    String disconnect(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id,
                      @RequestParam(defaultValue = "") String confirm, HttpServletRequest request,
                      HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            if (!"yes".equals(confirm)) {
                settings.list(me.userId()).stream().filter(l -> l.mailbox().id() == id).findFirst()
                        .orElseThrow(MailboxProblem::notFound);
                return render(me, model, new Form("own", "", null, id));
            }
            settings.disconnect(MailboxesApiController.actor(me, request), id);
            redirect.addFlashAttribute("message", "Disconnected. Its stored password is deleted.");
            return "redirect:" + PAGE;
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, Form.EMPTY.withMessage(e.getMessage(), false));
        }
    }

    /** What the page shows besides the list: typed values (never a password), a message, a pending confirmation. */
    record Form(String kind, String address, @Nullable Long replacing, @Nullable Long confirming,
                @Nullable String message, boolean ok) {
        static final Form EMPTY = new Form("own", "", null, null);

        Form(String kind, String address, @Nullable Long replacing, @Nullable Long confirming) {
            this(kind, address, replacing, confirming, null, false);
        }

        Form withMessage(String message, boolean ok) {
            return new Form(kind, address, replacing, confirming, message, ok);
        }
    }

    private String render(AuthenticatedSession me, Model model, Form form) {
        model.addAttribute("me", me);
        model.addAttribute("mailboxes", settings.list(me.userId()));
        model.addAttribute("form", form);
        if (form.message() != null) {
            model.addAttribute("message", form.message());
            model.addAttribute("ok", form.ok());
        }
        return "mailboxes";
    }
}

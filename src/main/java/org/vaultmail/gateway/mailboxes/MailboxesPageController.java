package org.vaultmail.gateway.mailboxes;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.vault.Secret;

/**
 * {@code /settings/api/mailboxes}: plain forms (no script needed): connect (own or another mailbox), test without
 * saving, replace a password, disconnect after a confirmation step. A refused form comes back with what was typed,
 * except the password; success redirects (post/redirect/get) with a message.
 */
@Controller
class MailboxesPageController {

    static final String PAGE = "/settings/api/mailboxes";

    private final MailboxSettings settings;
    private final OAuthMailboxSettings oauthSettings;
    private final OAuthMailboxes oauth;
    private final ObjectProvider<OAuthFlows> flows;
    private final MessageSource messages;

    MailboxesPageController(MailboxSettings settings, OAuthMailboxSettings oauthSettings, OAuthMailboxes oauth,
                            ObjectProvider<OAuthFlows> flows, MessageSource messages) {
        this.settings = settings;
        this.oauthSettings = oauthSettings;
        this.oauth = oauth;
        this.flows = flows;
        this.messages = messages;
    }

    @GetMapping("/settings/api")
    String area() {
        return "redirect:" + PAGE;
    }

    /** {@code oauth}, {@code provider}, {@code mailbox}: how a connect flow ended ({@link MailboxConnectFlow}). */
    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String oauth,
                @RequestParam(defaultValue = "") String provider, @RequestParam(required = false) @Nullable Long mailbox,
                Model model, Locale locale) {
        Form form = Form.EMPTY;
        var result = ConnectResult.ofCode(oauth);
        if (result.isPresent()) {
            String name = this.oauth.forSending(provider).map(OAuthProvider::displayName).orElse("");
            String address = mailbox == null ? "" : settings.list(me.userId()).stream()
                    .filter(l -> l.mailbox().id() == mailbox).map(l -> l.mailbox().address()).findFirst().orElse("");
            form = form.withMessage(messages.getMessage("mailboxes.oauth.result." + result.get().code(),
                    new Object[] {name, address}, locale), result.get().ok);
        }
        return render(me, model, form);
    }

    /**
     * "Connect a Google account": checks what can be checked before the provider is asked, then sends the browser there
     * (through a page that navigates: the CSP's {@code form-action 'self'} also covers a form's redirects).
     */
    @PostMapping(PAGE + "/oauth/{providerId}")
    String connectOAuth(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String providerId,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        OAuthFlows starter = flows.getIfAvailable();
        try {
            OAuthProvider provider = oauthSettings.checkStart(MailboxesApiController.actor(me, request), providerId);
            if (starter == null) throw new MailboxProblem(MailboxProblem.Reason.NOT_FOUND, "problem.mailbox.noSuchAccount");
            java.net.URI next = starter.start(provider.id(), OAuthPurpose.SEND, MailboxConnectFlow.FLOW,
                    Map.of(MailboxConnectFlow.USER, Long.toString(me.userId())), null, request, response);
            // a page that navigates, not a redirect: form-action 'self' would stop a form's redirect to the provider
            model.addAttribute("authorizationUrl", next.toString());
            model.addAttribute("provider", provider.displayName());
            model.addAttribute("texts", "mailboxes.oauth.start");
            return "oauth-start";
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, Form.EMPTY.withMessage(UserText.of(e, messages, LocaleContextHolder.getLocale()), false));
        }
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
                return render(me, model, form.withMessage(text("mailboxes.done.tested"), true));
            }
            ConnectedMailbox m = settings.connect(actor, own ? null : address, pw);
            redirect.addFlashAttribute("message", text("mailboxes.done.connected", m.address()));
            return "redirect:" + PAGE;
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, form.withMessage(UserText.of(e, messages, LocaleContextHolder.getLocale()), false));
        }
    }

    @PostMapping(PAGE + "/{id}/password")
    String replacePassword(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id,
                           @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                           HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try (Secret pw = Secret.ofUtf8(password)) {
            ConnectedMailbox m = settings.replacePassword(MailboxesApiController.actor(me, request), id, pw);
            redirect.addFlashAttribute("message", text("mailboxes.done.passwordReplaced", m.address()));
            return "redirect:" + PAGE;
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, new Form("own", "", id, null).withMessage(UserText.of(e, messages, LocaleContextHolder.getLocale()), false));
        }
    }

    /** Without {@code confirm=yes} only asks; with it, disconnects. */
    @PostMapping(PAGE + "/{id}/disconnect")
    String disconnect(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id,
                      @RequestParam(defaultValue = "") String confirm, HttpServletRequest request,
                      HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            if (!"yes".equals(confirm)) {
                settings.list(me.userId()).stream().filter(l -> l.mailbox().id() == id).findFirst()
                        .orElseThrow(MailboxProblem::notFound);
                return render(me, model, new Form("own", "", null, id));
            }
            MailboxSettings.Disconnected d = settings.disconnect(MailboxesApiController.actor(me, request), id);
            redirect.addFlashAttribute("message", disconnected(d, locale));
            return "redirect:" + PAGE;
        } catch (MailboxProblem e) {
            response.setStatus(e.reason().status.value());
            return render(me, model, Form.EMPTY.withMessage(UserText.of(e, messages, LocaleContextHolder.getLocale()), false));
        }
    }

    /** A "Connect a … account" button: the provider's configuration id, its kind (the label's key) and name. */
    record OAuthButton(String id, String kind, String displayName) {
    }

    /** A notice in the request's language (messages-mailboxes). */
    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
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

    /** What disconnecting did, said plainly: a deleted password, revoked tokens, or where to remove the app's access. */
    private String disconnected(MailboxSettings.Disconnected d, Locale locale) {
        if (!d.mailbox().kind().oauth()) return messages.getMessage("mailboxes.disconnected.password", null, locale);
        String kind = d.mailbox().kind().label();
        String outcome = d.revocation() == null ? "none" : d.revocation().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return messages.getMessage("mailboxes.disconnected." + kind + "." + outcome, new Object[] {d.mailbox().address()}, locale);
    }

    private String render(AuthenticatedSession me, Model model, Form form) {
        model.addAttribute("me", me);
        model.addAttribute("oauthProviders", oauth.forSending().stream()
                .map(p -> new OAuthButton(p.id(), OAuthMailboxes.kindOf(p).label(), p.displayName())).toList());
        Map<String, String> reconnect = new java.util.HashMap<>(); // kind → the first provider of that kind
        oauth.forSending().forEach(p -> reconnect.putIfAbsent(OAuthMailboxes.kindOf(p).label(), p.id()));
        model.addAttribute("reconnect", reconnect);
        model.addAttribute("mailboxes", settings.list(me.userId()));
        model.addAttribute("form", form);
        if (form.message() != null) {
            model.addAttribute("message", form.message());
            model.addAttribute("ok", form.ok());
        }
        return "mailboxes";
    }
}

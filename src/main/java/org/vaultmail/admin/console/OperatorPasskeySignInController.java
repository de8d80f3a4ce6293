package org.vaultmail.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.vaultmail.admin.operators.OperatorPasskeyPolicy;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.WebUtils;
import org.springframework.security.core.Authentication;
import org.vaultmail.admin.operators.OperatorPasskeyAuthenticationToken;
import org.vaultmail.admin.operators.OperatorPasskeyRefusedException;
import org.vaultmail.admin.operators.OperatorPasskeySignIn;
import org.vaultmail.auth.passkeys.OperatorPasskeys;

/**
 * The passkey step of a console sign-in (ADR 0054): the pending sign-in lives in the pre-sign-in HTTP session (the
 * session id changes when it succeeds), its page runs an assertion ceremony, and the answer is checked once (by the
 * passkey provider of {@link OperatorSignIns}, ADR 0055): a
 * refusal (or a second post) sends the operator back to the sign-in form, the attempt counted as a failed sign-in.
 */
@Controller
class OperatorPasskeySignInController {

    static final String PENDING = "vaultmail.operator.passkeySignIn";

    private final OperatorPasskeySignIn signIn;
    private final OperatorPasskeyPolicy passkeysRequired;
    private final OperatorSignIns signIns;

    OperatorPasskeySignInController(OperatorPasskeySignIn signIn, OperatorPasskeyPolicy passkeysRequired,
                                    OperatorSignIns signIns) {
        this.signIn = signIn;
        this.signIns = signIns;
        this.passkeysRequired = passkeysRequired;
    }

    @GetMapping("/admin/signin/passkey")
    String page(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof OperatorPasskeySignIn.Pending pending)) {
            return "redirect:/admin/signin";
        }
        OperatorPasskeys.Ceremony ceremony = signIn.ceremony(pending);
        model.addAttribute("ceremony", ceremony.id());
        model.addAttribute("options", ceremony.optionsJson());
        return "admin/signin-passkey";
    }

    @PostMapping("/admin/signin/passkey")
    String finish(@RequestParam(defaultValue = "") String ceremony, @RequestParam(defaultValue = "") String credential,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        OperatorPasskeySignIn.Pending pending = take(request.getSession(false));
        if (pending == null) return "redirect:/admin/signin";
        Authentication operator;
        try {
            operator = signIns.authenticate(OperatorPasskeyAuthenticationToken.unauthenticated(pending, ceremony, credential,
                    request.getRemoteAddr(), ConsoleAudit.userAgent(request)));
        } catch (OperatorPasskeyRefusedException e) {
            model.addAttribute("failed", true);
            model.addAttribute("passkeysRequired", passkeysRequired.required());
            model.addAttribute("passkeyProblem", e.shown());
            model.addAttribute("passkeyStep", true);
            return "admin/signin";
        }
        signIns.establish(operator, request, response);
        return "redirect:/admin/audit";
    }

    /** One post per pending sign-in: of two racing, only one gets it (the ceremony is single-use as well). */
    private static OperatorPasskeySignIn.@org.jspecify.annotations.Nullable Pending take(@org.jspecify.annotations.Nullable HttpSession session) {
        if (session == null) return null;
        synchronized (WebUtils.getSessionMutex(session)) {
            Object pending = session.getAttribute(PENDING);
            session.removeAttribute(PENDING);
            return pending instanceof OperatorPasskeySignIn.Pending p ? p : null;
        }
    }
}

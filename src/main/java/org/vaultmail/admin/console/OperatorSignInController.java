package org.vaultmail.admin.console;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.vaultmail.admin.operators.OperatorPasskeyPolicy;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.admin.operators.OperatorAuthenticationToken;
import org.vaultmail.admin.operators.OperatorPasskeySignIn;
import org.vaultmail.admin.operators.OperatorSignInBusyException;
import org.vaultmail.vault.Secret;

/**
 * Operator sign-in (username, password and the TOTP code in one form, checked by {@link OperatorSignIns}' Spring
 * Security providers, ADR 0055; without a code, the passkey step of {@link OperatorPasskeySignInController} follows)
 * and sign-out. A refusal while the name
 * or client must wait looks like a wrong password; "busy" (this node checks as many passwords as it may) is a 503.
 */
@Controller
class OperatorSignInController {

    private final OperatorSignIns signIns;
    private final OperatorPasskeySignIn passkeySignIn;

    private final OperatorPasskeyPolicy passkeysRequired;

    OperatorSignInController(OperatorSignIns signIns, OperatorPasskeySignIn passkeySignIn,
                             OperatorPasskeyPolicy passkeysRequired) {
        this.signIns = signIns;
        this.passkeySignIn = passkeySignIn;
        this.passkeysRequired = passkeysRequired;
    }

    /** Every rendering of the form says whether the console requires passkeys. */
    @ModelAttribute("passkeysRequired")
    boolean passkeysRequired() {
        return passkeysRequired.required();
    }

    @GetMapping("/admin/signin")
    String form() {
        return "admin/signin";
    }

    @PostMapping("/admin/signin")
    String signIn(@RequestParam String username, @RequestParam char[] password, @RequestParam(defaultValue = "") String code,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Authentication operator;
        try (Secret secret = Secret.ofChars(password)) {
            if (code.isBlank()) {
                // no code: the passkey step (ADR 0054), whose page is the same whether or not the password was right
                OperatorPasskeySignIn.Pending pending = passkeySignIn.start(username, secret, request.getRemoteAddr(),
                        ConsoleAudit.userAgent(request));
                request.getSession(true).setAttribute(OperatorPasskeySignInController.PENDING, pending);
                return "redirect:/admin/signin/passkey";
            }
            operator = signIns.authenticate(OperatorAuthenticationToken.unauthenticated(username, secret, code,
                    request.getRemoteAddr(), ConsoleAudit.userAgent(request)));
        } catch (OperatorSignInBusyException e) {
            // not checked, not counted: the same form again, with a clear "try again" (ADR 0027)
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Long.toString(OperatorSignInBusyException.RETRY_AFTER.toSeconds()));
            model.addAttribute("busy", true);
            return "admin/signin";
        } catch (AuthenticationException e) {
            // wrong name, password or code, or the name or client must wait: all look the same
            model.addAttribute("failed", true);
            return "admin/signin";
        } finally {
            Arrays.fill(password, '\0');
        }
        signIns.establish(operator, request, response);
        return "redirect:/admin/audit";
    }

    @PostMapping("/admin/signout")
    String signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
        return "redirect:/admin/signin";
    }

}

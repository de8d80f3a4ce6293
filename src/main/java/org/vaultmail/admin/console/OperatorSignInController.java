package org.vaultmail.admin.console;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.admin.operators.OperatorAuthenticator;
import org.vaultmail.admin.operators.OperatorSignInBusyException;
import org.vaultmail.vault.Secret;

/**
 * Operator sign-in (username, password and the mandatory TOTP code in one form) and sign-out. A refusal while the name
 * or client must wait looks like a wrong password; "busy" (this node checks as many passwords as it may) is a 503.
 */
@Controller
class OperatorSignInController {

    private final OperatorAuthenticator operators;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    OperatorSignInController(OperatorAuthenticator operators) {
        this.operators = operators;
    }

    @GetMapping("/admin/signin")
    String form() {
        return "admin/signin";
    }

    @PostMapping("/admin/signin")
    String signIn(@RequestParam String username, @RequestParam char[] password, @RequestParam String code,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        boolean ok;
        try (Secret secret = Secret.ofChars(password)) {
            ok = operators.verify(username, secret, code.strip(), request.getRemoteAddr(), ConsoleAudit.userAgent(request));
        } catch (OperatorSignInBusyException e) {
            // not checked, not counted: the same form again, with a clear "try again" (ADR 0027)
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Long.toString(OperatorSignInBusyException.RETRY_AFTER.toSeconds()));
            model.addAttribute("busy", true);
            return "admin/signin";
        } finally {
            Arrays.fill(password, '\0');
        }
        if (!ok) {
            model.addAttribute("failed", true);
            return "admin/signin";
        }
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate(); // a fresh session id: no fixation of a pre-sign-in session
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(OperatorName.normalize(username), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + AdminSecurityConfiguration.ROLE))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
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

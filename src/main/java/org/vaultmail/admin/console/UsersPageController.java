package org.vaultmail.admin.console;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.UserAdministration;

/** Users: search, last sign-in, MFA status, active sessions; end all sessions; reset MFA. Both actions audited. */
@Controller
class UsersPageController {

    static final int LIMIT = 200;

    private final UserAdministration users;
    private final ApplicationEventPublisher events;

    UsersPageController(UserAdministration users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    @GetMapping("/admin/users")
    String page(@RequestParam(required = false) @Nullable String q, Model model) {
        model.addAttribute("users", users.search(q, LIMIT));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("limit", LIMIT);
        return "admin/users";
    }

    @PostMapping("/admin/users/{id}/revoke-sessions")
    String revokeAll(@PathVariable long id, Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        var user = users.find(id);
        int n = user.isPresent() ? users.revokeAll(id) : 0;
        audit(operator, request, "user.revoke_sessions", user.map(u -> u.address()).orElse("user#" + id),
                user.isPresent() ? "success" : "not_found");
        redirect.addFlashAttribute("done", "sessions");
        redirect.addFlashAttribute("count", n);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/reset-mfa")
    String resetMfa(@PathVariable long id, Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        var user = users.find(id);
        boolean done = user.isPresent() && users.resetMfa(id);
        audit(operator, request, "user.reset_mfa", user.map(u -> u.address()).orElse("user#" + id), done ? "success" : "not_enrolled");
        redirect.addFlashAttribute("done", done ? "mfa" : "mfa-none");
        return "redirect:/admin/users";
    }

    private void audit(Authentication operator, HttpServletRequest request, String action, String target, String outcome) {
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, OperatorName.of(operator), action, target, outcome,
                request.getRemoteAddr(), OperatorSignInController.userAgent(request)));
    }
}

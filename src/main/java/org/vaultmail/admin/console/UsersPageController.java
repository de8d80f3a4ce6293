package org.vaultmail.admin.console;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.users.ByOperator;
import org.vaultmail.auth.users.UserAdministration;
import org.vaultmail.notify.Notifications;

/** Users: search, last sign-in, MFA status, active sessions; end all sessions; reset MFA. Both actions audited, and the user told by mail when notifications are configured. */
@Controller
class UsersPageController {

    static final int LIMIT = 200;

    private final UserAdministration users;
    private final ConsoleAudit consoleAudit;
    private final Notifications notifications;

    UsersPageController(UserAdministration users, ConsoleAudit consoleAudit, Notifications notifications) {
        this.users = users;
        this.consoleAudit = consoleAudit;
        this.notifications = notifications;
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
        int n = user.isPresent() ? users.revokeAll(id, by(operator, request)) : 0;
        audit(operator, request, "user.revoke_sessions", user.map(u -> u.address()).orElse("user#" + id),
                user.isPresent() ? "success" : "not_found", n > 0 ? notified(user.get().address(), redirect) : Map.of());
        redirect.addFlashAttribute("done", "sessions");
        redirect.addFlashAttribute("count", n);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/reset-mfa")
    String resetMfa(@PathVariable long id, Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        var user = users.find(id);
        boolean done = user.isPresent() && users.resetMfa(id, by(operator, request));
        audit(operator, request, "user.reset_mfa", user.map(u -> u.address()).orElse("user#" + id), done ? "success" : "not_enrolled",
                done ? notified(user.get().address(), redirect) : Map.of());
        redirect.addFlashAttribute("done", done ? "mfa" : "mfa-none");
        return "redirect:/admin/users";
    }

    /**
     * Whether the user is told by mail (the mail itself is queued by the change's own event, ADR 0023); the
     * page says so plainly, and the audit entry records it.
     */
    private Map<String, String> notified(String address, RedirectAttributes redirect) {
        boolean configured = notifications.configured();
        redirect.addFlashAttribute("notified", configured ? "queued" : "off");
        redirect.addFlashAttribute("notifiedAddress", address);
        return configured ? Map.of("notified", "true") : Map.of("notified", "false", "notified_reason", "not_configured");
    }

    private static ByOperator by(Authentication operator, HttpServletRequest request) {
        return new ByOperator(OperatorName.of(operator), request.getRemoteAddr());
    }

    private void audit(Authentication operator, HttpServletRequest request, String action, String target, String outcome,
                       Map<String, String> details) {
        consoleAudit.record(operator, request, action, target, outcome, details);
    }
}

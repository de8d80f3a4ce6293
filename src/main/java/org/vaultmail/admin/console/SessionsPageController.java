package org.vaultmail.admin.console;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.session.SessionAdministration;
import org.vaultmail.auth.session.SessionAdministration.ActiveSession;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;

/**
 * Every active session of every user; revoke one or many. A revoked session is refused on its next
 * request on every node (the session row is checked on each request, G3).
 */
@Controller
class SessionsPageController {

    static final int LIMIT = 500;

    private final SessionAdministration sessions;
    private final ConsoleAudit consoleAudit;
    private final ObjectProvider<OAuthProviders> providers;

    SessionsPageController(SessionAdministration sessions, ConsoleAudit consoleAudit, ObjectProvider<OAuthProviders> providers) {
        this.sessions = sessions;
        this.consoleAudit = consoleAudit;
        this.providers = providers;
    }

    @GetMapping("/admin/sessions")
    String page(@RequestParam(required = false) @Nullable Integer revoked, Model model) {
        List<ActiveSession> active = sessions.active(LIMIT);
        model.addAttribute("sessions", active);
        // how each signed in, as the user's own sessions page says it: the OAuth provider's name, else the method
        model.addAttribute("providers", active.stream().filter(s -> s.oauthProvider() != null)
                .collect(Collectors.toMap(ActiveSession::id, s -> providerName(s.oauthProvider()))));
        model.addAttribute("limit", LIMIT);
        model.addAttribute("revoked", revoked);
        return "admin/sessions";
    }

    @PostMapping("/admin/sessions/revoke")
    String revoke(@RequestParam(name = "id", required = false) @Nullable List<String> ids, Authentication operator,
                  HttpServletRequest request) {
        int n = 0;
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id.length() > 100) continue; // not one of ours
            boolean done = sessions.revoke(id);
            if (done) n++;
            consoleAudit.record(operator, request, "session.revoke", "session:" + id, done ? "success" : "not_found");
        }
        return "redirect:/admin/sessions?revoked=" + n;
    }

    private String providerName(String id) {
        OAuthProviders configured = providers.getIfAvailable();
        return (configured == null ? Optional.<OAuthProvider>empty() : configured.find(id)).map(OAuthProvider::displayName)
                .orElse(id);
    }
}

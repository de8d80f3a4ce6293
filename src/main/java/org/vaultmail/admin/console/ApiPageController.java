package org.vaultmail.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.gateway.console.GatewayOperatorActions;
import org.vaultmail.gateway.console.GatewayOverview;
import org.vaultmail.gateway.policy.StoredGatewayPolicies;

/**
 * The sending API (issue 13 item 7, ADR 0040): per user their API keys (prefixes only), connected mailboxes, messages
 * per day, failures and holds, with totals; switch a user's API access off and on, disable and enable a mailbox, revoke
 * a key. Each action is audited by the gateway ({@code gateway.*} entries with the operator as actor). After an action
 * the page comes back with the search and page it was on.
 */
@Controller
class ApiPageController {

    static final int PAGE_SIZE = 50;

    private final GatewayOverview overview;
    private final GatewayOperatorActions actions;
    private final StoredGatewayPolicies policies;

    ApiPageController(GatewayOverview overview, GatewayOperatorActions actions, StoredGatewayPolicies policies) {
        this.overview = overview;
        this.actions = actions;
        this.policies = policies;
    }

    @GetMapping("/admin/api")
    String page(@ModelAttribute ListPosition at, Model model) {
        String search = at.search();
        model.addAttribute("overview", overview.page(search, at.number(), PAGE_SIZE));
        model.addAttribute("q", search);
        model.addAttribute("policy", policies.view());
        return "admin/api";
    }

    @PostMapping("/admin/api/users/{id}/disable")
    String disableUser(@PathVariable long id, @ModelAttribute ListPosition at, Authentication operator,
                       HttpServletRequest request, RedirectAttributes redirect) {
        return done(actions.disableApiAccess(id, OperatorName.of(operator), request.getRemoteAddr()), "access-disabled", at, redirect);
    }

    @PostMapping("/admin/api/users/{id}/enable")
    String enableUser(@PathVariable long id, @ModelAttribute ListPosition at, Authentication operator,
                       HttpServletRequest request, RedirectAttributes redirect) {
        return done(actions.enableApiAccess(id, OperatorName.of(operator), request.getRemoteAddr()), "access-enabled", at, redirect);
    }

    @PostMapping("/admin/api/mailboxes/{id}/disable")
    String disableMailbox(@PathVariable long id, @ModelAttribute ListPosition at, Authentication operator,
                       HttpServletRequest request, RedirectAttributes redirect) {
        return done(actions.disableMailbox(id, OperatorName.of(operator), request.getRemoteAddr()), "mailbox-disabled", at, redirect);
    }

    @PostMapping("/admin/api/mailboxes/{id}/enable")
    String enableMailbox(@PathVariable long id, @ModelAttribute ListPosition at, Authentication operator,
                       HttpServletRequest request, RedirectAttributes redirect) {
        return done(actions.enableMailbox(id, OperatorName.of(operator), request.getRemoteAddr()), "mailbox-enabled", at, redirect);
    }

    @PostMapping("/admin/api/keys/{id}/revoke")
    String revokeKey(@PathVariable long id, @ModelAttribute ListPosition at, Authentication operator,
                       HttpServletRequest request, RedirectAttributes redirect) {
        return done(actions.revokeKey(id, OperatorName.of(operator), request.getRemoteAddr()), "key-revoked", at, redirect);
    }

    private static String done(GatewayOperatorActions.Outcome outcome, String what, ListPosition at, RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", switch (outcome) {
            case DONE -> what;
            case UNCHANGED -> "unchanged";
            case NOT_FOUND -> "not-found";
        });
        if (!at.search().isBlank()) redirect.addAttribute("q", at.search());
        if (at.number() > 0) redirect.addAttribute("page", at.number());
        return "redirect:/admin/api";
    }
}

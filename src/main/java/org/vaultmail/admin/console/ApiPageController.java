package org.vaultmail.admin.console;

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
    String page(@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") String page, Model model) {
        String search = q == null ? "" : (q.length() > 320 ? q.substring(0, 320) : q);
        model.addAttribute("overview", overview.page(search, number(page), PAGE_SIZE));
        model.addAttribute("q", search);
        model.addAttribute("policy", policies.view());
        return "admin/api";
    }

    @PostMapping("/admin/api/users/{id}/disable")
    String disableUser(@PathVariable long id, @RequestParam(required = false) @Nullable String q,
                       @RequestParam(defaultValue = "0") String page, Authentication operator, HttpServletRequest request,
                       RedirectAttributes redirect) {
        return done(actions.disableApiAccess(id, OperatorName.of(operator), request.getRemoteAddr()), "access-disabled", q, number(page), redirect);
    }

    @PostMapping("/admin/api/users/{id}/enable")
    String enableUser(@PathVariable long id, @RequestParam(required = false) @Nullable String q,
                      @RequestParam(defaultValue = "0") String page, Authentication operator, HttpServletRequest request,
                      RedirectAttributes redirect) {
        return done(actions.enableApiAccess(id, OperatorName.of(operator), request.getRemoteAddr()), "access-enabled", q, number(page), redirect);
    }

    @PostMapping("/admin/api/mailboxes/{id}/disable")
    String disableMailbox(@PathVariable long id, @RequestParam(required = false) @Nullable String q,
                          @RequestParam(defaultValue = "0") String page, Authentication operator, HttpServletRequest request,
                          RedirectAttributes redirect) {
        return done(actions.disableMailbox(id, OperatorName.of(operator), request.getRemoteAddr()), "mailbox-disabled", q, number(page), redirect);
    }

    @PostMapping("/admin/api/mailboxes/{id}/enable")
    String enableMailbox(@PathVariable long id, @RequestParam(required = false) @Nullable String q,
                         @RequestParam(defaultValue = "0") String page, Authentication operator, HttpServletRequest request,
                         RedirectAttributes redirect) {
        return done(actions.enableMailbox(id, OperatorName.of(operator), request.getRemoteAddr()), "mailbox-enabled", q, number(page), redirect);
    }

    @PostMapping("/admin/api/keys/{id}/revoke")
    String revokeKey(@PathVariable long id, @RequestParam(required = false) @Nullable String q,
                     @RequestParam(defaultValue = "0") String page, Authentication operator, HttpServletRequest request,
                     RedirectAttributes redirect) {
        return done(actions.revokeKey(id, OperatorName.of(operator), request.getRemoteAddr()), "key-revoked", q, number(page), redirect);
    }

    /** A page number from the query or form; anything else is the first page (a hand-edited URL gets a page, not a 400). */
    private static int number(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String done(GatewayOperatorActions.Outcome outcome, String what, @Nullable String q, int page,
                               RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", switch (outcome) {
            case DONE -> what;
            case UNCHANGED -> "unchanged";
            case NOT_FOUND -> "not-found";
        });
        if (q != null && !q.isBlank()) redirect.addAttribute("q", q);
        if (page > 0) redirect.addAttribute("page", page);
        return "redirect:/admin/api";
    }
}

package org.vaultmail.admin.console;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.auth.passkeys.PasskeySignInPolicy;

/**
 * {@code /admin/passkeys}: per configured mail domain, whether its users may sign in with a passkey alone (ADR 0051):
 * allow, forbid, or the default. Saves are audited ({@code passkey.policy.change}, by the operator).
 */
@Controller
class PasskeyPolicyPageController {

    /** One domain's line: its stored setting ({@code default} when none) and what is in force. */
    record Line(String domain, String setting, boolean allowed) {
    }

    private final PasskeySignInPolicy policy;
    private final MailServerDirectory directory;

    PasskeyPolicyPageController(PasskeySignInPolicy policy, MailServerDirectory directory) {
        this.policy = policy;
        this.directory = directory;
    }

    @GetMapping("/admin/passkeys")
    String page(Model model) {
        Map<String, PasskeySignInPolicy.Rule> stored = policy.rules().stream()
                .collect(Collectors.toMap(PasskeySignInPolicy.Rule::domain, Function.identity()));
        Map<String, Line> lines = new TreeMap<>();
        directory.all().forEach(s -> lines.put(s.domain(), line(s.domain(), stored.get(s.domain()))));
        stored.forEach((d, r) -> lines.putIfAbsent(d, line(d, r))); // a stored choice for a domain no longer configured
        model.addAttribute("lines", lines.values());
        model.addAttribute("defaultAllowed", PasskeySignInPolicy.DEFAULT_ALLOWED);
        return "admin/passkey-policy";
    }

    @PostMapping("/admin/passkeys")
    String save(@RequestParam String domain, @RequestParam String setting, Authentication operator, HttpServletRequest request,
                RedirectAttributes redirect) {
        Boolean allowed = switch (setting) {
            case "allow" -> Boolean.TRUE;
            case "forbid" -> Boolean.FALSE;
            default -> null;
        };
        try {
            policy.set(domain, allowed, OperatorName.of(operator), request.getRemoteAddr());
            redirect.addFlashAttribute("saved", PasskeySignInPolicy.normalize(domain));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("invalid", true); // the page says it in the operator's language (input.passkeys.domain)
        }
        return "redirect:/admin/passkeys";
    }

    private static Line line(String domain, PasskeySignInPolicy.Rule rule) {
        if (rule == null) return new Line(domain, "default", PasskeySignInPolicy.DEFAULT_ALLOWED);
        return new Line(domain, rule.allowed() ? "allow" : "forbid", rule.allowed());
    }
}

package org.vaultmail.admin.console;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;

/**
 * Sign-in and session policy (ADR 0022): the values in force, which are stored and which come from the
 * configuration; change them (blank: back to the configured default) or reset one. A save names the version
 * it was based on, so a concurrent change by another operator is refused, not overwritten. Saved changes are
 * audited by {@code auth}'s {@code AuthPolicyChanged}; refused saves here as {@code policy.change}. A refused
 * save shows the form again with 200, like the other console forms (the browser logs 4xx page loads as errors).
 */
@Controller
class PolicyPageController {

    private final AuthPolicies policies;
    private final ConsoleAudit consoleAudit;

    PolicyPageController(AuthPolicies policies, ConsoleAudit consoleAudit) {
        this.policies = policies;
        this.consoleAudit = consoleAudit;
    }

    @GetMapping("/admin/policy")
    String page(Model model) {
        AuthPolicies.View view = policies.view();
        Map<String, String> values = new LinkedHashMap<>();
        for (AuthPolicies.Entry e : view.entries()) values.put(e.field().key(), e.stored() == null ? "" : e.stored());
        return show(model, view, values, Map.of(), null);
    }

    @PostMapping("/admin/policy")
    String save(@RequestParam Map<String, String> form, Authentication operator, HttpServletRequest request,
                Model model, RedirectAttributes redirect) {
        Map<PolicyField, String> input = new EnumMap<>(PolicyField.class);
        Map<String, String> typed = new LinkedHashMap<>();
        for (PolicyField f : PolicyField.values()) {
            String text = form.get(f.key());
            if (text == null) continue;
            String kept = text.length() > 64 ? text.substring(0, 64) : text;
            input.put(f, kept);
            typed.put(f.key(), kept);
        }
        return apply(version(form.get("version")), input, typed, operator, request, model, redirect, "saved");
    }

    @PostMapping("/admin/policy/reset")
    String reset(@RequestParam(required = false) @Nullable String version, @RequestParam(required = false) @Nullable String field,
                 Authentication operator, HttpServletRequest request, Model model,
                 RedirectAttributes redirect) {
        var f = field == null ? java.util.Optional.<PolicyField>empty() : PolicyField.byKey(field);
        if (f.isEmpty()) return "redirect:/admin/policy";
        AuthPolicies.View current = policies.view();
        Map<String, String> typed = new LinkedHashMap<>();
        for (AuthPolicies.Entry e : current.entries()) typed.put(e.field().key(), e.stored() == null ? "" : e.stored());
        typed.put(f.get().key(), "");
        return apply(version(version), Map.of(f.get(), ""), typed, operator, request, model, redirect, "reset");
    }

    private String apply(long version, Map<PolicyField, String> input, Map<String, String> typed, Authentication operator,
                         HttpServletRequest request, Model model, RedirectAttributes redirect,
                         String done) {
        AuthPolicies.Result result = policies.save(version, input, OperatorName.of(operator), request.getRemoteAddr(),
                ConsoleAudit.userAgent(request));
        switch (result.outcome()) {
            case SAVED, UNCHANGED -> {
                redirect.addFlashAttribute("done", result.outcome() == AuthPolicies.Outcome.SAVED ? done : "unchanged");
                redirect.addFlashAttribute("count", result.changes().size());
                return "redirect:/admin/policy";
            }
            case INVALID -> {
                audit(operator, request, "invalid");
                Map<String, String> errors = new LinkedHashMap<>();
                result.errors().forEach((f, p) -> errors.put(f.key(), p.code()));
                model.addAttribute("errorArgs", argsOf(result));
                return show(model, policies.view(), typed, errors, null);
            }
            default -> {
                audit(operator, request, "conflict");
                AuthPolicies.View now = policies.view();
                return show(model, now, typed, Map.of(), now);
            }
        }
    }

    private static Map<String, Object[]> argsOf(AuthPolicies.Result result) {
        Map<String, Object[]> args = new LinkedHashMap<>();
        result.errors().forEach((f, p) -> args.put(f.key(), p.args().toArray()));
        return args;
    }

    private static String show(Model model, AuthPolicies.View view, Map<String, String> values, Map<String, String> errors,
                               AuthPolicies.@Nullable View conflict) {
        model.addAttribute("policy", view);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("errorArgs")) model.addAttribute("errorArgs", Map.of());
        model.addAttribute("conflict", conflict != null);
        model.addAttribute("refresh", AuthPolicies.REFRESH.toSeconds());
        return "admin/policy";
    }

    private static long version(@Nullable String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void audit(Authentication operator, HttpServletRequest request, String outcome) {
        consoleAudit.record(operator, request, "policy.change", "auth-policy", outcome);
    }
}

package org.vaultmail.admin.console;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.gateway.policy.GatewayPolicyField;
import org.vaultmail.gateway.policy.StoredGatewayPolicies;

/**
 * The sending gateway's policy (ADR 0040, in the form of the sign-in policy page, ADR 0022): the values in force, which
 * are stored (by whom, when) and which come from the configuration; change them (blank: back to the configured default)
 * or reset one. A save names the version it was based on, so a concurrent change by another operator is refused, not
 * overwritten. Saves and refused saves are audited as {@code gateway.policy.change}. A refused save shows the form
 * again with 200 and the typed values kept.
 */
@Controller
class GatewayPolicyPageController {

    private final StoredGatewayPolicies policies;

    GatewayPolicyPageController(StoredGatewayPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/admin/api/policy")
    String page(Model model) {
        StoredGatewayPolicies.View view = policies.view();
        return show(model, view, storedValues(view), Map.of(), Map.of(), false);
    }

    @PostMapping("/admin/api/policy")
    String save(@RequestParam Map<String, String> form, Authentication operator, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        Map<GatewayPolicyField, String> input = new EnumMap<>(GatewayPolicyField.class);
        Map<String, String> typed = new LinkedHashMap<>();
        for (GatewayPolicyField f : GatewayPolicyField.values()) {
            String text = form.get(f.key());
            if (text == null) continue;
            String kept = text.length() > GatewayPolicyField.MAX_TEXT + 1 ? text.substring(0, GatewayPolicyField.MAX_TEXT + 1) : text;
            input.put(f, kept);
            typed.put(f.key(), kept);
        }
        return apply(version(form.get("version")), input, typed, operator, request, model, redirect, "saved");
    }

    @PostMapping("/admin/api/policy/reset")
    String reset(@RequestParam(required = false) @Nullable String version, @RequestParam(required = false) @Nullable String field,
                 Authentication operator, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Optional<GatewayPolicyField> f = field == null ? Optional.empty() : GatewayPolicyField.byKey(field);
        if (f.isEmpty()) return "redirect:/admin/api/policy";
        Map<String, String> typed = storedValues(policies.view());
        typed.put(f.get().key(), "");
        return apply(version(version), Map.of(f.get(), ""), typed, operator, request, model, redirect, "reset");
    }

    private String apply(long version, Map<GatewayPolicyField, String> input, Map<String, String> typed, Authentication operator,
                         HttpServletRequest request, Model model, RedirectAttributes redirect, String done) {
        String name = OperatorName.of(operator);
        StoredGatewayPolicies.Result result = policies.save(version, input, name, request.getRemoteAddr());
        switch (result.outcome()) {
            case SAVED, UNCHANGED -> {
                redirect.addFlashAttribute("done", result.outcome() == StoredGatewayPolicies.Outcome.SAVED ? done : "unchanged");
                redirect.addFlashAttribute("count", result.changes().size());
                return "redirect:/admin/api/policy";
            }
            case INVALID -> {
                policies.refused(result.outcome(), name, request.getRemoteAddr());
                Map<String, String> errors = new LinkedHashMap<>();
                Map<String, Object[]> args = new LinkedHashMap<>();
                result.errors().forEach((f, p) -> {
                    errors.put(f.key(), p.code());
                    args.put(f.key(), p.args().toArray());
                });
                return show(model, policies.view(), typed, errors, args, false);
            }
            default -> {
                policies.refused(result.outcome(), name, request.getRemoteAddr());
                return show(model, policies.view(), typed, Map.of(), Map.of(), true);
            }
        }
    }

    private static Map<String, String> storedValues(StoredGatewayPolicies.View view) {
        Map<String, String> values = new LinkedHashMap<>();
        for (StoredGatewayPolicies.Entry e : view.entries()) values.put(e.field().key(), e.stored() == null ? "" : e.stored());
        return values;
    }

    private static String show(Model model, StoredGatewayPolicies.View view, Map<String, String> values, Map<String, String> errors,
                               Map<String, Object[]> errorArgs, boolean conflict) {
        model.addAttribute("policy", view);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("errorArgs", errorArgs);
        model.addAttribute("conflict", conflict);
        model.addAttribute("refresh", StoredGatewayPolicies.REFRESH.toSeconds());
        model.addAttribute("maxText", GatewayPolicyField.MAX_TEXT);
        return "admin/api-policy";
    }

    private static long version(@Nullable String text) {
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package org.vaultmail.admin.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.audit.AuditLog;
import org.vaultmail.audit.AuditQuery;
import org.vaultmail.audit.ChainVerification;

/** The audit page: filter by actor, action, outcome and days; page through; verify the chain (an audited action). */
@Controller
class AuditPageController {

    private final AuditLog audit;
    private final ConsoleAudit consoleAudit;

    AuditPageController(AuditLog audit, ConsoleAudit consoleAudit) {
        this.audit = audit;
        this.consoleAudit = consoleAudit;
    }

    @GetMapping("/admin")
    String home() {
        return "redirect:/admin/audit";
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String action,
                @RequestParam(required = false) @Nullable String outcome, @RequestParam(required = false) @Nullable String from,
                @RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") int page, Model model) {
        Instant since = day(from);
        Instant until = day(to);
        AuditQuery query = new AuditQuery(actor, action, outcome, since, until == null ? null : until.plusSeconds(86_400), page);
        model.addAttribute("result", audit.search(query));
        model.addAttribute("actions", audit.actions());
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("outcome", outcome == null ? "" : outcome);
        model.addAttribute("from", since == null ? "" : from);
        model.addAttribute("to", until == null ? "" : to);
        model.addAttribute("badDate", (from != null && !from.isBlank() && since == null) || (to != null && !to.isBlank() && until == null));
        return "admin/audit";
    }

    @PostMapping("/admin/audit/verify")
    String verify(Authentication operator, HttpServletRequest request, Model model) {
        ChainVerification result = audit.verify();
        consoleAudit.record(operator, request, "audit.verify", null, result.ok() ? "success" : "broken");
        model.addAttribute("verification", result);
        return page(null, null, null, null, null, 0, model);
    }

    private static @Nullable Instant day(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

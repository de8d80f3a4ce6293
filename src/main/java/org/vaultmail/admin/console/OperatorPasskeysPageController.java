package org.vaultmail.admin.console;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.vaultmail.admin.operators.OperatorPasskeyPolicy;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.admin.operators.OperatorPasskeyChanges;
import org.vaultmail.admin.operators.OperatorProofs;
import org.vaultmail.auth.passkeys.OperatorPasskeyRefused;
import org.vaultmail.auth.passkeys.OperatorPasskeys;

/**
 * {@code /admin/security/passkeys}: the signed-in operator's passkeys (ADR 0054), listed with when each was added and
 * last used; adding (a name, then the authenticator's answer) and removing each need a fresh proof first, the current
 * TOTP code or one of the operator's passkeys ({@link OperatorProofs}: throttled like sign-in).
 */
@Controller
class OperatorPasskeysPageController {

    static final String PAGE = "/admin/security/passkeys";
    // message keys (messages-op-passkeys): the page renders them in the request's language (ADR 0052)
    static final String ADDED = "admin.passkeys.added";
    static final String REMOVED = "admin.passkeys.removed";
    static final String NOT_YOURS = "admin.passkeys.notYours";

    private final OperatorPasskeyChanges changes;
    private final OperatorProofs proofs;
    private final OperatorPasskeyPolicy required;

    OperatorPasskeysPageController(OperatorPasskeyChanges changes, OperatorProofs proofs,
                                   OperatorPasskeyPolicy required) {
        this.changes = changes;
        this.proofs = proofs;
        this.required = required;
    }

    /**
     * A passkey as the page shows it: times in UTC, written in the request's language ("6 Dec 2026, 10:00",
     * "06.12.2026, 10:00", CLDR), {@code lastUsed} null when never used (the page says "never" in its language).
     */
    record Row(String id, String name, String added, @Nullable String lastUsed) {
        static Row of(OperatorPasskeys.Passkey p, Locale locale) {
            return new Row(p.id(), p.name(), p.created() == null ? "" : at(p.created(), locale),
                    p.lastUsed() == null ? null : at(p.lastUsed(), locale));
        }

        private static String at(Instant when, Locale locale) {
            return DateTimeFormatter.ofLocalizedPattern("yMMMdHm").withLocale(locale).format(when.atZone(ZoneOffset.UTC)) + " UTC";
        }
    }

    /** The proof fields every change posts: a code, or a passkey's answer to this page's proof ceremony. */
    record Proof(@Nullable String code, @Nullable String proofCeremony, @Nullable String proofPasskey) {
    }

    @GetMapping(PAGE)
    String page(@RequestParam(required = false) @Nullable String done, Principal me, HttpServletRequest request, Model model) {
        if ("added".equals(done)) model.addAttribute("notice", ADDED);
        if ("removed".equals(done)) model.addAttribute("notice", REMOVED);
        return render(me.getName(), request, model);
    }

    @PostMapping(PAGE + "/start")
    String start(@RequestParam(defaultValue = "") String name, Proof proof, Principal me, HttpServletRequest request, Model model) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > 60) {
            model.addAttribute("error", org.vaultmail.auth.passkeys.PasskeyException.Problem.NAME.message());
            return render(me.getName(), request, model);
        }
        Optional<String> problem = prove(me.getName(), proof, request);
        if (problem.isPresent()) {
            model.addAttribute("error", problem.get());
            return render(me.getName(), request, model);
        }
        OperatorPasskeys.Ceremony ceremony = changes.start(me.getName(), request.getSession().getId());
        model.addAttribute("ceremony", ceremony.id());
        model.addAttribute("creationOptions", ceremony.optionsJson());
        model.addAttribute("name", label);
        return render(me.getName(), request, model);
    }

    @PostMapping(PAGE + "/finish")
    String finish(@RequestParam(defaultValue = "") String ceremony, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String credential, Principal me, HttpServletRequest request, Model model) {
        try {
            changes.finish(me.getName(), request.getSession().getId(), ceremony, name, credential, request.getRemoteAddr(),
                    ConsoleAudit.userAgent(request));
        } catch (OperatorPasskeyRefused e) {
            model.addAttribute("error", e.problem().message());
            return render(me.getName(), request, model);
        }
        return "redirect:" + PAGE + "?done=added";
    }

    @PostMapping(PAGE + "/{id}/remove")
    String remove(@PathVariable String id, Proof proof, Principal me, HttpServletRequest request, Model model) {
        Optional<String> problem = prove(me.getName(), proof, request);
        if (problem.isPresent()) {
            model.addAttribute("error", problem.get());
            return render(me.getName(), request, model);
        }
        if (changes.remove(me.getName(), id, request.getRemoteAddr(), ConsoleAudit.userAgent(request)).isEmpty()) {
            model.addAttribute("error", NOT_YOURS);
            return render(me.getName(), request, model);
        }
        return "redirect:" + PAGE + "?done=removed";
    }

    private Optional<String> prove(String operator, Proof proof, HttpServletRequest request) {
        String client = request.getRemoteAddr();
        String agent = ConsoleAudit.userAgent(request);
        if (proof.proofPasskey() != null && !proof.proofPasskey().isBlank()) {
            return proofs.passkey(operator, request.getSession().getId(), String.valueOf(proof.proofCeremony()), proof.proofPasskey(),
                    client, agent);
        }
        if (proof.code() == null || proof.code().isBlank()) return Optional.of(OperatorProofs.WRONG_CODE);
        return proofs.code(operator, proof.code(), client, agent);
    }

    private String render(String operator, HttpServletRequest request, Model model) {
        var passkeys = changes.list(operator);
        model.addAttribute("operator", operator);
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("passkeys", passkeys.stream().map(p -> Row.of(p, locale)).toList());
        model.addAttribute("required", required.required());
        if (!passkeys.isEmpty()) {
            OperatorPasskeys.Ceremony proof = proofs.startPasskey(operator, request.getSession().getId());
            model.addAttribute("proofCeremony", proof.id());
            model.addAttribute("proofOptions", proof.optionsJson());
        }
        return "admin/passkeys";
    }
}

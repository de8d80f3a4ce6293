package org.vaultmail.admin.console;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.session.SigningKeys;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.VaultException;

/**
 * Keys: the root keyset's source, the data keys and the rows each seals per column, the token-signing
 * keys; rotate, rewrap (background, live progress over SSE), retire, rotate the signing key. Each
 * action is audited here as the operator's; the vault and auth record their own events too.
 */
@Controller
class KeysPageController {

    private final KeyManagement keys;
    private final SigningKeys signingKeys;
    private final RewrapJob rewrap;
    private final ConsoleAudit consoleAudit;

    KeysPageController(KeyManagement keys, SigningKeys signingKeys, RewrapJob rewrap, ConsoleAudit consoleAudit) {
        this.keys = keys;
        this.signingKeys = signingKeys;
        this.rewrap = rewrap;
        this.consoleAudit = consoleAudit;
    }

    @GetMapping("/admin/keys")
    String page(Model model) {
        model.addAttribute("status", keys.status());
        model.addAttribute("signingKids", signingKeys.kids());
        model.addAttribute("rewrap", rewrap.state());
        return "admin/keys";
    }

    @PostMapping("/admin/keys/rotate")
    String rotate(Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        var rotated = keys.rotate();
        audit(operator, request, "key.rotate", "data-key:" + rotated.newPrimaryKeyId(), "success");
        redirect.addFlashAttribute("done", "rotated");
        redirect.addFlashAttribute("keyId", rotated.newPrimaryKeyId());
        return "redirect:/admin/keys";
    }

    @PostMapping("/admin/keys/rewrap")
    String startRewrap(Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        boolean started = rewrap.start();
        audit(operator, request, "key.rewrap", null, started ? "started" : "already_running");
        redirect.addFlashAttribute("done", started ? "rewrap" : "rewrap-busy");
        return "redirect:/admin/keys";
    }

    @GetMapping(path = "/admin/keys/rewrap/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter rewrapEvents() {
        return rewrap.watch();
    }

    @PostMapping("/admin/keys/retire")
    String retire(@RequestParam long keyId, Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            keys.retire(keyId);
            audit(operator, request, "key.retire", "data-key:" + keyId, "success");
            redirect.addFlashAttribute("done", "retired");
            redirect.addFlashAttribute("keyId", keyId);
        } catch (VaultException e) {
            // The vault's refusal names the reason (primary, still in use, settling) and never a key's bytes.
            audit(operator, request, "key.retire", "data-key:" + keyId, "refused");
            redirect.addFlashAttribute("refused", e.getMessage());
            redirect.addFlashAttribute("keyId", keyId);
        }
        return "redirect:/admin/keys";
    }

    @PostMapping("/admin/keys/signing/rotate")
    String rotateSigning(Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        String kid = signingKeys.rotate();
        audit(operator, request, "signing_key.rotate", "signing-key:" + kid, "success");
        redirect.addFlashAttribute("done", "signing");
        redirect.addFlashAttribute("kid", kid);
        return "redirect:/admin/keys";
    }

    private void audit(Authentication operator, HttpServletRequest request, String action, @Nullable String target, String outcome) {
        consoleAudit.record(operator, request, action, target, outcome);
    }
}

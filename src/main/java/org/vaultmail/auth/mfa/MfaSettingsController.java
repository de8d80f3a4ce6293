package org.vaultmail.auth.mfa;

import java.util.List;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;

/** {@code /settings/security}: turn TOTP on (secret as QR code and text, confirmed by a code) and off (needs a code). */
@Controller
class MfaSettingsController {

    static final String WRONG_CODE = "That code is wrong or was already used. Try the current one.";

    private final UserMfa mfa;

    MfaSettingsController(UserMfa mfa) {
        this.mfa = mfa;
    }

    @GetMapping("/settings/security")
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        model.addAttribute("me", me);
        boolean enrolled = mfa.enrolled(me.userId());
        model.addAttribute("enrolled", enrolled);
        if (enrolled) {
            model.addAttribute("recoveryLeft", mfa.recoveryCodesLeft(me.userId()));
        } else {
            mfa.pending(me.userId(), me.address()).ifPresent(e -> model.addAttribute("secret", e.secretBase32()));
        }
        return "settings-security";
    }

    @PostMapping("/settings/security/enrol")
    String enrol(@AuthenticationPrincipal AuthenticatedSession me) {
        mfa.begin(me.userId(), me.address());
        return "redirect:/settings/security";
    }

    /** The QR code of the enrolment in progress; nothing once enrolment is complete. */
    @GetMapping(value = "/settings/security/qr.svg")
    ResponseEntity<String> qr(@AuthenticationPrincipal AuthenticatedSession me) {
        Optional<UserMfa.Enrolment> pending = mfa.pending(me.userId(), me.address());
        if (pending.isEmpty()) return ResponseEntity.notFound().build();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.valueOf("image/svg+xml"))
                .body(QrSvg.of(pending.get().uri()));
    }

    @PostMapping("/settings/security/confirm")
    String confirm(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String code, Model model) {
        Optional<List<String>> codes = mfa.confirm(me.userId(), me.address(), code);
        if (codes.isEmpty()) {
            model.addAttribute("error", WRONG_CODE);
            return page(me, model);
        }
        model.addAttribute("me", me);
        model.addAttribute("enrolled", true);
        model.addAttribute("recoveryCodes", codes.get());
        model.addAttribute("recoveryLeft", codes.get().size());
        return "settings-security";
    }

    @PostMapping("/settings/security/disable")
    String disable(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String code, Model model) {
        if (!mfa.disable(me.userId(), me.address(), code)) {
            model.addAttribute("error", WRONG_CODE);
            return page(me, model);
        }
        return "redirect:/settings/security";
    }
}

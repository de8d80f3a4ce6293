package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
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



/**
 * {@code /settings/security}: turn TOTP on (secret as QR code and text, confirmed by a code) and off, and replace the
 * recovery codes. Every change needs a recent proof of identity in this session (ADR 0026): while there is none, each
 * form asks for it (the code, or the password of a user without a second factor), and the secret of an enrolment in
 * progress is not shown. A session that signed in at an OAuth provider, without a second factor, proves itself there
 * ("Confirm with Google", ADR 0047); the outcome of that comes back as {@code ?reauth=<code>}.
 */
@Controller
class MfaSettingsController {

    // message keys (messages-problems), rendered by the page in the request's language (ADR 0052)
    static final String WRONG_CODE = "problem.signin.codeWrong";
    static final String NOTHING_TO_CONFIRM = "problem.mfa.nothingToConfirm";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final UserMfa mfa;
    private final RecentAuthentication recent;
    private final ProviderReauthenticationPage provider;

    MfaSettingsController(UserMfa mfa, RecentAuthentication recent, ProviderReauthenticationPage provider) {
        this.mfa = mfa;
        this.recent = recent;
        this.provider = provider;
    }

    @GetMapping("/settings/security")
    String page(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(name = "reauth", required = false) @Nullable String reauth,
                Model model, HttpServletResponse response) {
        String problem = ProviderReauthenticationCallback.message(reauth);
        if (problem != null) model.addAttribute("reauthError", problem);
        return page(me, model, response);
    }

    private String page(AuthenticatedSession me, Model model, HttpServletResponse response) {
        model.addAttribute("me", me);
        boolean enrolled = mfa.enrolled(me.userId());
        Optional<Instant> freshUntil = recent.freshUntil(me);
        // an OAuth session without a second factor proves itself at its provider (ADR 0047)
        provider.button(me, response).ifPresent(b -> model.addAttribute("provider", b));
        model.addAttribute("enrolled", enrolled);
        model.addAttribute("fresh", freshUntil.isPresent());
        model.addAttribute("passkeyProof", recent.proof(me) == Reauthenticated.Method.PASSKEY);
        freshUntil.ifPresent(until -> model.addAttribute("freshUntil", UNTIL.format(until)));
        if (enrolled) {
            model.addAttribute("recoveryLeft", mfa.recoveryCodesLeft(me.userId()));
        } else {
            Optional<UserMfa.Enrolment> pending = mfa.pending(me.userId(), me.address());
            model.addAttribute("pending", pending.isPresent());
            // the secret of an enrolment in progress is as good as the second factor itself: only in sudo mode
            if (freshUntil.isPresent()) pending.ifPresent(e -> model.addAttribute("secret", e.secretBase32()));
        }
        return "settings-security";
    }

    @PostMapping("/settings/security/enrol")
    @RequiresRecentAuthentication("reauth.action.mfaEnrol")
    String enrol(@AuthenticationPrincipal AuthenticatedSession me) {
        mfa.begin(me.userId(), me.address());
        return "redirect:/settings/security";
    }

    /** The QR code of the enrolment in progress, in sudo mode only; nothing once enrolment is complete. */
    @GetMapping(value = "/settings/security/qr.svg")
    ResponseEntity<String> qr(@AuthenticationPrincipal AuthenticatedSession me) {
        Optional<UserMfa.Enrolment> pending = recent.fresh(me) ? mfa.pending(me.userId(), me.address()) : Optional.empty();
        if (pending.isEmpty()) return ResponseEntity.notFound().build();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.valueOf("image/svg+xml"))
                .body(QrSvg.of(pending.get().uri()));
    }

    /** A wrong code counts as a sign-in failure of the account and the client (ADR 0026). */
    @PostMapping("/settings/security/confirm")
    @RequiresRecentAuthentication("reauth.action.mfaConfirm")
    String confirm(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String code, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        if (mfa.pending(me.userId(), me.address()).isEmpty()) {
            model.addAttribute("error", mfa.enrolled(me.userId()) ? null : NOTHING_TO_CONFIRM);
            return page(me, model, response);
        }
        AtomicReference<List<String>> codes = new AtomicReference<>();
        boolean ok = recent.guarded(me, request, () -> {
            mfa.confirm(me.userId(), me.address(), code).ifPresent(codes::set);
            return codes.get() != null;
        });
        if (!ok) {
            model.addAttribute("error", WRONG_CODE);
            return page(me, model, response);
        }
        return showRecoveryCodes(me, codes.get(), model, response);
    }

    @PostMapping("/settings/security/disable")
    @RequiresRecentAuthentication("reauth.action.mfaDisable")
    String disable(@AuthenticationPrincipal AuthenticatedSession me) {
        mfa.disable(me.userId(), me.address());
        return "redirect:/settings/security";
    }

    @PostMapping("/settings/security/recovery-codes")
    @RequiresRecentAuthentication("reauth.action.recoveryCodes")
    String replaceRecoveryCodes(@AuthenticationPrincipal AuthenticatedSession me, Model model, HttpServletResponse response) {
        Optional<List<String>> codes = mfa.replaceRecoveryCodes(me.userId(), me.address());
        if (codes.isEmpty()) return "redirect:/settings/security";
        return showRecoveryCodes(me, codes.get(), model, response);
    }

    private String showRecoveryCodes(AuthenticatedSession me, List<String> codes, Model model, HttpServletResponse response) {
        page(me, model, response);
        model.addAttribute("recoveryCodes", codes);
        return "settings-security";
    }
}

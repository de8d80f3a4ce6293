package org.vaultmail.auth.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.passkeys.PasskeyUnlock;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.auth.smtp.SmtpCredentials;
import org.vaultmail.vault.Secret;

/**
 * "Sign in with a passkey" (ADR 0051): {@code POST /signin/with-passkey} shows the ceremony (a new single-use
 * challenge, no account named), {@code …/unlock} takes the authenticator's answer and its PRF output, {@code …/reseal}
 * the password-changed step (the new password typed once, and a new touch). Started by a form post, so merely showing
 * {@code /signin} writes nothing.
 */
@Controller
class PasskeySignInController {

    static final String PASSWORD_CHANGED = "problem.passkey.passwordChanged"; // a message key (messages-problems)

    private final PasskeyUnlock unlock;
    private final PasskeySignIn signIn;
    private final AuthPolicies policies;
    private final SmtpCredentials smtpCredentials;

    PasskeySignInController(PasskeyUnlock unlock, PasskeySignIn signIn, AuthPolicies policies, SmtpCredentials smtpCredentials) {
        this.unlock = unlock;
        this.signIn = signIn;
        this.policies = policies;
        this.smtpCredentials = smtpCredentials;
    }

    @PostMapping("/signin/with-passkey")
    String start(@RequestParam(defaultValue = "false") boolean remember, HttpServletResponse response, Model model) {
        return page(unlock.startSignIn(), remember, null, response, model);
    }

    @PostMapping("/signin/with-passkey/unlock")
    String unlock(@RequestParam(defaultValue = "") String ceremony, @RequestParam(defaultValue = "") String credential,
                  @RequestParam(defaultValue = "") String prf, @RequestParam(defaultValue = "false") boolean remember,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            return outcome(signIn.signIn(ceremony, credential, prf, remember, TokenAuthenticationFilter.client(request)), remember,
                    response, model);
        } catch (SignInException e) {
            response.setStatus(503);
            model.addAttribute("error", e.message());
            return page(unlock.startSignIn(), remember, null, response, model);
        }
    }

    @PostMapping("/signin/with-passkey/reseal")
    String reseal(@RequestParam(defaultValue = "") String ceremony, @RequestParam(defaultValue = "") String credential,
                  @RequestParam(defaultValue = "") String prf, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "false") boolean remember, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        try (Secret typed = Secret.ofUtf8(password)) {
            return outcome(signIn.reseal(ceremony, credential, prf, typed, remember, TokenAuthenticationFilter.client(request)),
                    remember, response, model);
        } catch (SignInException e) {
            response.setStatus(503);
            model.addAttribute("error", e.message());
            return page(unlock.startSignIn(), remember, null, response, model);
        }
    }

    private String outcome(PasskeySignIn.Outcome outcome, boolean remember, HttpServletResponse response, Model model) {
        return switch (outcome) {
            case PasskeySignIn.Outcome.SignedIn s -> signedIn(s.issued(), response);
            case PasskeySignIn.Outcome.Refused r -> {
                response.setStatus(r.status());
                model.addAttribute("error", r.message());
                yield page(unlock.startSignIn(), remember, null, response, model);
            }
            case PasskeySignIn.Outcome.PasswordChanged p -> {
                response.setStatus(409);
                model.addAttribute("error", PASSWORD_CHANGED);
                yield page(p.ceremony(), remember, p.address(), response, model);
            }
        };
    }

    /** The ceremony page; {@code resealFor} names the account of the password-changed step (it then asks the password). */
    private String page(Passkeys.Ceremony ceremony, boolean remember, @org.jspecify.annotations.Nullable String resealFor,
                        HttpServletResponse response, Model model) {
        model.addAttribute("ceremony", ceremony.id());
        model.addAttribute("requestOptions", ceremony.optionsJson());
        model.addAttribute("prfInput", PasskeyUnlock.prfInput());
        model.addAttribute("remember", remember);
        model.addAttribute("resealFor", resealFor);
        response.setHeader("Cache-Control", "no-store");
        return "signin-passkey";
    }

    private String signedIn(Issued issued, HttpServletResponse response) {
        AuthCookies.set(response, issued, policies.current().rememberIdleTimeout());
        AuthCookies.clearCsrf(response);
        return smtpCredentials.status(issued.userId()).stale() ? "redirect:/settings/smtp" : "redirect:/";
    }
}

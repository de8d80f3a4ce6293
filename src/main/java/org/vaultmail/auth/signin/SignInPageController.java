package org.vaultmail.auth.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.SignInPageCsp;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.SignInMethod;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.auth.session.Users;
import org.vaultmail.auth.smtp.SmtpCredentials;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.vault.Secret;

/** The sign-in page, the sessions page and sign-out, for browsers (forms with CSRF tokens, no script). */
@Controller
public class SignInPageController {

    // message keys (messages-problems); the pages render an error that is a key in the request's language
    public static final String CODE_WRONG = "problem.signin.codeWrong";
    static final String CODE_EXPIRED = "problem.signin.codeExpired";

    private final SignIn signIn;
    private final Sessions sessions;
    private final PendingSignIns pending;
    private final AuthPolicies policies;
    private final SmtpCredentials smtpCredentials;
    private final OAuthSignInPage oauth;
    private final SessionCredentials credentials;
    private final Passkeys passkeys;
    private final UserMfa mfa;

    SignInPageController(SignIn signIn, Sessions sessions, PendingSignIns pending, AuthPolicies policies,
                         SmtpCredentials smtpCredentials, OAuthSignInPage oauth, SessionCredentials credentials,
                         Passkeys passkeys, UserMfa mfa) {
        this.passkeys = passkeys;
        this.mfa = mfa;
        this.oauth = oauth;
        this.credentials = credentials;
        this.signIn = signIn;
        this.sessions = sessions;
        this.pending = pending;
        this.policies = policies;
        this.smtpCredentials = smtpCredentials;
    }

    @GetMapping("/signin")
    String signInPage(@RequestParam(name = "oauth", required = false) @Nullable String oauthCode, Model model,
                      HttpServletResponse response) {
        String message = OAuthSignInPage.message(oauthCode);
        if (message != null) model.addAttribute("oauthError", message);
        return signInView(model, response);
    }

    /** The page with the providers' buttons, and a CSP that lets their form posts redirect to them (ADR 0045). */
    private String signInView(Model model, HttpServletResponse response) {
        model.addAttribute("oauthProviders", oauth.buttons());
        var endpoints = oauth.authorizationEndpoints();
        if (!endpoints.isEmpty()) response.setHeader("Content-Security-Policy", SignInPageCsp.allowing(endpoints));
        return "signin";
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "false") boolean remember, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try (Secret pw = Secret.ofUtf8(password)) {
            try {
                return signedIn(signIn.signIn(address, pw, remember, false, TokenAuthenticationFilter.client(request), null),
                        response);
            } catch (MfaRequiredException e) {
                AuthCookies.setPending(response, pending.create(e.userId(), e.address(), pw, remember), PendingSignIns.LIFETIME);
                return "redirect:/signin/code";
            }
        } catch (SignInException e) {
            model.addAttribute("address", address);
            OAuthProvider provider = e.provider();
            if (provider != null) { // an OAuth domain: the password field gives way to its provider's button
                model.addAttribute("oauthDomain", new OAuthSignInPage.Button(provider.id(), provider.displayName()));
                model.addAttribute("domain", Users.normalize(address).substring(Users.normalize(address).lastIndexOf('@') + 1));
                return signInView(model, response);
            }
            response.setStatus(e.unreachable() ? 503 : 401);
            model.addAttribute("error", e.message());
            return signInView(model, response);
        }
    }

    /**
     * The second step: the password is already checked and parked, sealed; only the second factor is asked — a code
     * if the user has TOTP, a passkey if they have one (a new single-use challenge each time the page is shown).
     */
    @GetMapping("/signin/code")
    String codePage(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (AuthCookies.read(request, AuthCookies.PENDING) == null) return "redirect:/signin";
        // a sign-in that expired meanwhile: the code form still shows, and its answer says so clearly
        if (!secondStep(request, response, model)) model.addAttribute("totp", true);
        return "signin-code";
    }

    /** Fills the second step's model; false when nothing is pending (start over). */
    private boolean secondStep(HttpServletRequest request, HttpServletResponse response, Model model) {
        var found = pending.peek(AuthCookies.read(request, AuthCookies.PENDING));
        if (found.isEmpty()) return false;
        PendingSignIns.Pending p = found.get();
        boolean hasPasskeys = passkeys.registered(p.address());
        model.addAttribute("totp", mfa.enrolled(p.userId()) || !hasPasskeys);
        if (hasPasskeys) {
            Passkeys.Ceremony ceremony = passkeys.startSignIn(p.owner(), p.address());
            model.addAttribute("passkeyCeremony", ceremony.id());
            model.addAttribute("passkeyOptions", ceremony.optionsJson());
        }
        response.setHeader("Cache-Control", "no-store");
        return true;
    }

    /** The second step with a passkey (ADR 0048): the browser's assertion for the ceremony the page started. */
    @PostMapping("/signin/passkey")
    String passkey(@RequestParam(defaultValue = "") String ceremony, @RequestParam(defaultValue = "") String credential,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingSignIns.Outcome outcome;
        try {
            outcome = pending.completeWithPasskey(AuthCookies.read(request, AuthCookies.PENDING), ceremony, credential,
                    TokenAuthenticationFilter.client(request));
        } catch (SignInException e) {
            response.setStatus(503);
            model.addAttribute("error", e.message());
            return secondStep(request, response, model) ? "signin-code" : signInView(model, response);
        }
        return secondStepOutcome(outcome, request, response, model);
    }

    @PostMapping("/signin/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        PendingSignIns.Outcome outcome;
        try {
            outcome = pending.complete(AuthCookies.read(request, AuthCookies.PENDING), code, TokenAuthenticationFilter.client(request));
        } catch (SignInException e) { // busy: the throttle's counters stayed locked; nothing was checked or counted
            response.setStatus(503);
            model.addAttribute("error", e.message());
            return secondStep(request, response, model) ? "signin-code" : signInView(model, response);
        }
        return secondStepOutcome(outcome, request, response, model);
    }

    private String secondStepOutcome(PendingSignIns.Outcome outcome, HttpServletRequest request, HttpServletResponse response,
                                     Model model) {
        return switch (outcome) {
            case PendingSignIns.Outcome.SignedIn s -> {
                AuthCookies.clearPending(response);
                yield signedIn(s.issued(), response);
            }
            case PendingSignIns.Outcome.WrongCode w -> {
                response.setStatus(401);
                model.addAttribute("error", CODE_WRONG);
                yield secondStep(request, response, model) ? "signin-code" : signInView(model, response);
            }
            case PendingSignIns.Outcome.Refused r -> {
                response.setStatus(401);
                model.addAttribute("error", r.message());
                yield secondStep(request, response, model) ? "signin-code" : signInView(model, response);
            }
            case PendingSignIns.Outcome.Gone g -> {
                AuthCookies.clearPending(response);
                response.setStatus(401);
                model.addAttribute("error", CODE_EXPIRED);
                yield signInView(model, response);
            }
        };
    }

    @PostMapping("/signin/cancel")
    String cancel(HttpServletRequest request, HttpServletResponse response) {
        pending.cancel(AuthCookies.read(request, AuthCookies.PENDING));
        AuthCookies.clearPending(response);
        return "redirect:/signin";
    }

    @GetMapping("/settings/sessions")
    String sessionsPage(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        model.addAttribute("me", me);
        var list = sessions.list(me.userId());
        model.addAttribute("sessions", list);
        model.addAttribute("devices", list.stream().collect(java.util.stream.Collectors.toMap(
                SessionStore.Row::id, r -> DeviceNames.of(r.userAgent()))));
        // how each session signed in: the provider's display name (ADR 0047), else the method's text (V58); a
        // session from before V58 without a provider shows as a password's, as it did
        model.addAttribute("methods", list.stream().collect(java.util.stream.Collectors.toMap(
                SessionStore.Row::id, r -> r.oauthProvider() == null ? "" : oauth.displayName(r.oauthProvider()))));
        model.addAttribute("methodKeys", list.stream().collect(java.util.stream.Collectors.toMap(SessionStore.Row::id,
                r -> SignInMethod.messageKey(r.signInMethod()))));
        return "sessions";
    }

    @PostMapping("/settings/sessions/{id}/revoke")
    String revoke(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletResponse response) {
        if (id.equals(me.sessionId())) credentials.forgetOAuthTokens(me);
        sessions.revoke(me.userId(), id, SessionRevoked.Reason.BY_USER);
        if (id.equals(me.sessionId())) {
            AuthCookies.clear(response);
            return "redirect:/signin";
        }
        return "redirect:/settings/sessions";
    }

    private String signedIn(Issued issued, HttpServletResponse response) {
        AuthCookies.set(response, issued, policies.current().rememberIdleTimeout());
        AuthCookies.clearCsrf(response);
        // stored SMTP credentials that no longer open (IMAP password changed): ask for them on the next page
        return smtpCredentials.status(issued.userId()).stale() ? "redirect:/settings/smtp" : "redirect:/";
    }

    @PostMapping("/signout")
    String signOut(@AuthenticationPrincipal @Nullable AuthenticatedSession me, HttpServletResponse response) {
        if (me != null) {
            credentials.forgetOAuthTokens(me); // an OAuth session's tokens: revoked at the provider, deleted here
            sessions.revoke(me.userId(), me.sessionId(), SessionRevoked.Reason.LOGOUT);
        }
        AuthCookies.clear(response);
        return "redirect:/signin";
    }
}

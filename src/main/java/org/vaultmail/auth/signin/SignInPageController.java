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
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.auth.session.Users;
import org.vaultmail.auth.smtp.SmtpCredentials;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.vault.Secret;

/** The sign-in page, the sessions page and sign-out, for browsers (forms with CSRF tokens, no script). */
@Controller
public class SignInPageController {

    public static final String CODE_WRONG = "That code is wrong or was already used. Try the current one.";
    static final String CODE_EXPIRED = "The sign-in timed out or had too many wrong codes. Please sign in again.";

    private final SignIn signIn;
    private final Sessions sessions;
    private final PendingSignIns pending;
    private final AuthPolicies policies;
    private final SmtpCredentials smtpCredentials;
    private final OAuthSignInPage oauth;
    private final SessionCredentials credentials;

    SignInPageController(SignIn signIn, Sessions sessions, PendingSignIns pending, AuthPolicies policies,
                         SmtpCredentials smtpCredentials, OAuthSignInPage oauth, SessionCredentials credentials) {
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

    /** The second step: the password is already checked and parked, sealed; only the code is asked. */
    @GetMapping("/signin/code")
    String codePage(HttpServletRequest request) {
        return AuthCookies.read(request, AuthCookies.PENDING) == null ? "redirect:/signin" : "signin-code";
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
            return "signin-code";
        }
        return switch (outcome) {
            case PendingSignIns.Outcome.SignedIn s -> {
                AuthCookies.clearPending(response);
                yield signedIn(s.issued(), response);
            }
            case PendingSignIns.Outcome.WrongCode w -> {
                response.setStatus(401);
                model.addAttribute("error", CODE_WRONG);
                yield "signin-code";
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
        // how each session signed in: the password, or the provider's display name (ADR 0047)
        model.addAttribute("methods", list.stream().collect(java.util.stream.Collectors.toMap(
                SessionStore.Row::id, r -> r.oauthProvider() == null ? "" : oauth.displayName(r.oauthProvider()))));
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

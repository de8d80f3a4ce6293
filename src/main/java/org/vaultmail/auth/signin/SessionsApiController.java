package org.vaultmail.auth.signin;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.InvalidRefreshTokenException;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.Randoms;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.vault.Secret;

/** {@code /api/v1/sessions}: sign in, refresh, list and end sessions. */
@RestController
@RequestMapping("/api/v1/sessions")
public class SessionsApiController {

    // message keys (messages-problems): the problem's detail is put into the request's language when written (ADR 0052)
    public static final String SIGN_IN_FAILED = "problem.signin.failed";
    public static final String SERVER_UNREACHABLE = "problem.signin.unreachable";
    public static final String MFA_ENROL = "problem.signin.mfaEnrol";
    static final String OAUTH_DOMAIN = "problem.signin.oauthDomain";
    static final String SERVER_BUSY = "problem.signin.busy";

    /** The JSON body of a sign-in; the password never prints. */
    record SignInRequest(@Nullable String address, char @Nullable [] password, @Nullable String otp) {
        @Override
        public String toString() {
            return "SignInRequest[" + address + "]";
        }
    }

    /** Tokens for an API client. */
    record TokenResponse(String accessToken, String refreshToken, long expiresIn, String sessionId) {
        @Override
        public String toString() {
            return "TokenResponse[" + sessionId + "]";
        }
    }

    record RefreshRequest(@Nullable String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    record SessionView(String id, boolean current, @Nullable String userAgent, @Nullable String clientAddress,
                       Instant createdAt, Instant lastSeenAt) {
    }

    private final SignIn signIn;
    private final Sessions sessions;
    private final AuthPolicies policies;
    private final SessionCredentials credentials;

    SessionsApiController(SignIn signIn, Sessions sessions, AuthPolicies policies, SessionCredentials credentials) {
        this.credentials = credentials;
        this.signIn = signIn;
        this.sessions = sessions;
        this.policies = policies;
    }

    @PostMapping
    ResponseEntity<TokenResponse> signIn(@RequestBody SignInRequest body, HttpServletRequest request) {
        if (body.address() == null || body.password() == null) throw new SignInException(false);
        Issued issued;
        try (Secret password = Secret.ofChars(body.password())) {
            issued = signIn.signIn(body.address(), password, true, true, TokenAuthenticationFilter.client(request), body.otp());
        } finally {
            java.util.Arrays.fill(body.password(), '\0');
        }
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + issued.sessionId())).body(tokens(issued));
    }

    /** With {@code {refreshToken}} (API) the new tokens come back as JSON; with the refresh cookie, as cookies. */
    @PostMapping("/refresh")
    ResponseEntity<?> refresh(@RequestBody(required = false) @Nullable RefreshRequest body, HttpServletRequest request,
                              HttpServletResponse response) {
        if (body != null && body.refreshToken() != null) {
            String[] parts = body.refreshToken().split("\\.", -1);
            byte[] refresh = parts.length == 2 ? Randoms.parse(parts[0], Sessions.REFRESH_SECRET_BYTES) : null;
            byte[] unseal = parts.length == 2 ? Randoms.parse(parts[1], CredentialSeal.UNSEAL_SECRET_BYTES) : null;
            if (refresh == null || unseal == null) throw new InvalidRefreshTokenException();
            return ResponseEntity.ok(tokens(sessions.refresh(refresh, unseal, true, TokenAuthenticationFilter.client(request))));
        }
        byte[] refresh = Randoms.parse(AuthCookies.read(request, AuthCookies.REFRESH), Sessions.REFRESH_SECRET_BYTES);
        if (refresh == null) throw new InvalidRefreshTokenException();
        byte[] unseal = Randoms.parse(AuthCookies.read(request, AuthCookies.UNSEAL), CredentialSeal.UNSEAL_SECRET_BYTES);
        Issued issued = sessions.refresh(refresh, unseal == null ? new byte[0] : unseal, false, TokenAuthenticationFilter.client(request));
        AuthCookies.set(response, issued, policies.current().rememberIdleTimeout());
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    List<SessionView> list(@AuthenticationPrincipal AuthenticatedSession me) {
        return sessions.list(me.userId()).stream()
                .map(r -> new SessionView(r.id(), r.id().equals(me.sessionId()), r.userAgent(), r.clientAddress(),
                        r.createdAt(), r.lastSeenAt()))
                .toList();
    }

    @DeleteMapping("/current")
    ResponseEntity<Void> signOut(@AuthenticationPrincipal AuthenticatedSession me, HttpServletResponse response) {
        credentials.forgetOAuthTokens(me);
        sessions.revoke(me.userId(), me.sessionId(), SessionRevoked.Reason.LOGOUT);
        AuthCookies.clear(response);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id) {
        if (sessions.revoke(me.userId(), id, SessionRevoked.Reason.BY_USER)) return ResponseEntity.noContent().build();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "problem.api.sessionNotFound.detail");
        problem.setTitle("problem.api.notFound.title");
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> signInFailed(SignInException e) {
        HttpStatus status = e.unreachable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.message());
        problem.setTitle(switch (e.outcome()) {
            case REFUSED -> "problem.api.signInFailed.title";
            case UNREACHABLE -> "problem.api.unreachable.title";
            case BUSY -> "problem.api.busy.title";
            case OAUTH_DOMAIN -> "problem.api.oauthDomain.title";
        });
        return ResponseEntity.status(status).body(problem);
    }

    /** 401 with {@code "mfaRequired": true}: only ever after the password was verified (ADR 0006). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> mfaRequired(MfaRequiredException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.wrongCode() ? "problem.api.mfaWrong.detail" : "problem.api.mfaRequired.detail");
        problem.setTitle("problem.api.mfaRequired.title");
        problem.setProperty("mfaRequired", true);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mfaEnrolmentRequired(MfaEnrolmentRequiredException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, MFA_ENROL);
        problem.setTitle("problem.api.mfaEnrol.title");
        problem.setProperty("mfaEnrolmentRequired", true);
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refreshFailed(InvalidRefreshTokenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "problem.api.refreshFailed.detail");
        problem.setTitle("problem.api.refreshFailed.title");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    private TokenResponse tokens(Issued issued) {
        return new TokenResponse(issued.accessToken(), issued.apiRefreshToken(), issued.accessTokenTtl().toSeconds(),
                issued.sessionId());
    }
}

package org.vaultmail.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.signin.SignInPageController;

/**
 * Answers a refused sensitive action (ADR 0026). API: problem+json — 403 with the stable type
 * {@link RecentAuthenticationException#REQUIRED_TYPE} and where to prove, 401 for a wrong proof, 429 with
 * {@code Retry-After} while throttled, 503 when the mail server could not check a password. Pages: the confirmation
 * page, whose form posts the same request again (same path, every field the user sent but the CSRF token and the
 * proof) with the proof added.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecentAuthenticationAdvice {

    static final String ENDPOINT = "/api/v1/sessions/current/reauthenticate";
    static final String WRONG_CODE = SignInPageController.CODE_WRONG;
    // message keys (messages-problems), put into the request's language by the page or i18n.ProblemTexts (ADR 0052)
    static final String WRONG_PASSWORD = "problem.reauth.wrongPassword";
    static final String WRONG_PASSKEY = "problem.passkey.invalid";
    static final String UNREACHABLE = "problem.reauth.unreachable";
    static final String BUSY = "problem.reauth.busy";
    static final String PROVIDER_REQUIRED = "problem.reauth.required.provider";
    static final String PASSKEY_REQUIRED = "problem.reauth.required.passkey";

    private final Clock clock;
    private final ProviderReauthenticationPage provider;
    private final RecentAuthentication recent;

    private final MessageSource messages;

    RecentAuthenticationAdvice(ObjectProvider<Clock> clock, ProviderReauthenticationPage provider, RecentAuthentication recent,
                               MessageSource messages) {
        this.messages = messages;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.provider = provider;
        this.recent = recent;
    }

    /** One field of the original request, sent again by the confirmation form. */
    record Field(String name, String value) {
        @Override
        public String toString() {
            return "Field[" + name + "]";
        }
    }

    @ExceptionHandler
    Object refused(RecentAuthenticationException e, HandlerMethod handler, HttpServletRequest request, HttpServletResponse response) {
        return RecentAuthenticationInterceptor.api(handler) ? problem(e) : page(e, handler, request, response);
    }

    ResponseEntity<ProblemDetail> problem(RecentAuthenticationException e) {
        ProblemDetail problem = switch (e.outcome()) {
            case REQUIRED -> ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.proof() == Reauthenticated.Method.PROVIDER
                    ? PROVIDER_REQUIRED
                    : e.proof() == Reauthenticated.Method.PASSKEY ? PASSKEY_REQUIRED
                    : e.secondFactor() ? "problem.reauth.required.otp" : "problem.reauth.required.password");
            case WRONG -> ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, wrong(e));
            case LOCKED_OUT -> ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "problem.reauth.lockedOut");
            case UNREACHABLE -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, UNREACHABLE);
            case BUSY -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, BUSY);
        };
        problem.setTitle(switch (e.outcome()) {
            case REQUIRED -> "problem.reauth.required.title";
            case WRONG -> "problem.reauth.wrong.title";
            case LOCKED_OUT -> "problem.reauth.lockedOut.title";
            case UNREACHABLE -> "problem.reauth.unreachable.title";
            case BUSY -> "problem.reauth.busy.title";
        });
        if (e.outcome() == RecentAuthenticationException.Outcome.REQUIRED) {
            problem.setType(java.net.URI.create(RecentAuthenticationException.REQUIRED_TYPE));
            problem.setProperty("reauthenticationRequired", true);
            problem.setProperty("reauthenticate", ENDPOINT);
            problem.setProperty("proof", proofName(e.proof()));
        }
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(problem.getStatus());
        Long wait = retryAfterSeconds(e.retryAt());
        if (wait != null) reply.header(HttpHeaders.RETRY_AFTER, Long.toString(wait));
        return reply.body(problem);
    }

    /** The API's name of a proof ({@code proof} in problems and in {@code GET /api/v1/settings/mfa}). */
    static String proofName(Reauthenticated.Method proof) {
        return switch (proof) {
            case SECOND_FACTOR -> "otp";
            case PASSWORD -> "password";
            case PROVIDER -> "provider";
            case PASSKEY -> "passkey";
        };
    }

    private static String wrong(RecentAuthenticationException e) {
        if (e.proof() == Reauthenticated.Method.PASSKEY) return e.detail() == null ? WRONG_PASSKEY : e.detail();
        return e.secondFactor() ? WRONG_CODE : WRONG_PASSWORD;
    }

    private ModelAndView page(RecentAuthenticationException e, HandlerMethod handler, HttpServletRequest request,
                              HttpServletResponse response) {
        ModelAndView page = new ModelAndView("reauthenticate");
        RequiresRecentAuthentication what = handler.getMethodAnnotation(RequiresRecentAuthentication.class);
        if (e.proof() == Reauthenticated.Method.PROVIDER) {
            providerButton(response).ifPresent(b -> page.addObject("provider", b));
            page.addObject("returnTo", ProviderReauthenticationCallback.then(what == null ? null : what.page()));
        }
        page.addObject("actionKey", what == null ? "reauth.action.default" : what.value());
        page.addObject("action", canonicalPath(request));
        page.addObject("method", "GET".equals(request.getMethod()) ? "get" : "post");
        page.addObject("fields", fields(request));
        page.addObject("secondFactor", e.secondFactor());
        page.addObject("passwordProof", e.proof() == Reauthenticated.Method.PASSWORD);
        passkeyCeremony().ifPresent(c -> {
            // a fresh assertion ceremony bound to this session each time the page is shown (ADR 0048 amendment)
            page.addObject("passkeyCeremony", c.ceremonyId());
            page.addObject("passkeyOptions", c.optionsJson());
            page.addObject("passkeyField", RecentAuthenticationInterceptor.PASSKEY_FIELD);
            page.addObject("ceremonyField", RecentAuthenticationInterceptor.CEREMONY_FIELD);
        });
        page.addObject("passwordField", RecentAuthenticationInterceptor.PASSWORD_FIELD);
        page.addObject("codeField", RecentAuthenticationInterceptor.CODE_FIELD);
        String error = switch (e.outcome()) {
            case REQUIRED -> null;
            case WRONG -> wrong(e);
            case LOCKED_OUT -> text("problem.reauth.lockedOut.page", minutes(e.retryAt())); // has an argument: a text
            case UNREACHABLE -> UNREACHABLE;
            case BUSY -> BUSY;
        };
        page.addObject("error", error);
        page.setStatus(switch (e.outcome()) {
            case REQUIRED -> HttpStatus.FORBIDDEN;
            case WRONG -> HttpStatus.UNAUTHORIZED;
            case LOCKED_OUT -> HttpStatus.TOO_MANY_REQUESTS;
            case UNREACHABLE, BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
        });
        return page;
    }

    private Optional<PasskeyProofs.Challenge> passkeyCeremony() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AuthenticatedSession me) || !recent.passkey(me)) return Optional.empty();
        return recent.passkeyProofs().map(p -> p.start(me));
    }

    private Optional<ProviderReauthenticationPage.Button> providerButton(HttpServletResponse response) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AuthenticatedSession me)) return Optional.empty();
        return provider.button(me, response);
    }

    /** The path Spring routed on, rebuilt from the matched pattern: never a scheme, host or {@code //}. */
    private static String canonicalPath(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String path = UriComponentsBuilder.fromPath(pattern == null ? "/" : pattern.toString())
                .buildAndExpand(variables == null ? Map.of() : variables).encode().toUriString();
        return path.startsWith("/") && !path.startsWith("//") ? path : "/";
    }

    /** What the user sent, but the CSRF token (the page gets a fresh one) and any proof (never written back). */
    private static List<Field> fields(HttpServletRequest request) {
        List<Field> out = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            if (name.equals("_csrf") || name.equals(RecentAuthenticationInterceptor.PASSWORD_FIELD)
                    || name.equals(RecentAuthenticationInterceptor.CODE_FIELD)
                    || name.equals(RecentAuthenticationInterceptor.PASSKEY_FIELD)
                    || name.equals(RecentAuthenticationInterceptor.CEREMONY_FIELD)) return;
            for (String v : values) out.add(new Field(name, v));
        });
        return out;
    }

    private @Nullable Long retryAfterSeconds(@Nullable Instant retryAt) {
        if (retryAt == null) return null;
        return Math.max(1, Duration.between(clock.instant(), retryAt).toSeconds() + 1);
    }

    private String minutes(@Nullable Instant retryAt) {
        Long seconds = retryAfterSeconds(retryAt);
        if (seconds == null || seconds < 90) return text("problem.reauth.wait.minute");
        return text("problem.reauth.wait.minutes", String.valueOf((seconds + 59) / 60));
    }

    /** A bundle text in the request's language. */
    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}

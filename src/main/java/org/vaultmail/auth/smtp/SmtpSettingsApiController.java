package org.vaultmail.auth.smtp;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.SmtpLoginCheck.Outcome;
import org.vaultmail.vault.Secret;

/** {@code /api/v1/settings/smtp}: the user's SMTP login, write-once (the password never comes back; G4). */
@RestController
@RequestMapping("/api/v1/settings/smtp")
class SmtpSettingsApiController {

    /** A username and password to test or save; the password never prints. */
    record SmtpLoginRequest(@Nullable String username, char @Nullable [] password) {
        @Override
        public String toString() {
            return "SmtpLoginRequest[" + username + "]";
        }
    }

    /** {@code GET}: never the password. {@code message} only when stale. */
    record SmtpSettingsView(boolean configured, @Nullable String username, boolean stale, @Nullable String message) {
    }

    record CheckResult(boolean ok, String outcome, String message) {
        static CheckResult of(Outcome outcome, MessageSource messages) {
            return new CheckResult(outcome == Outcome.OK, outcome.name().toLowerCase(java.util.Locale.ROOT),
                    text(messages, SmtpSettings.message(outcome)));
        }
    }

    /** A message key's text in the request's language (a JSON field, not a problem: ProblemTexts does not see it). */
    private static String text(MessageSource messages, String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private final SmtpSettings settings;
    private final MessageSource messages;

    SmtpSettingsApiController(SmtpSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping
    SmtpSettingsView get(@AuthenticationPrincipal AuthenticatedSession me) {
        SmtpSettings.View view = settings.view(me);
        return new SmtpSettingsView(view.configured(), view.username(), view.stale(),
                view.stale() ? text(messages, SmtpSettings.STALE_MESSAGE) : null);
    }

    @PostMapping("/test")
    ResponseEntity<?> test(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody SmtpLoginRequest body) {
        return withLogin(body, (username, password) -> ResponseEntity.ok(CheckResult.of(settings.test(me, username, password), messages)));
    }

    /** Tests, then saves (unless {@code ?test=false}); 422 with the test's outcome when it failed, nothing saved. */
    @PutMapping
    ResponseEntity<?> save(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody SmtpLoginRequest body,
                           @RequestParam(defaultValue = "true") boolean test) {
        return withLogin(body, (username, password) -> {
            Outcome outcome = settings.save(me, username, password, test);
            return ResponseEntity.status(outcome == Outcome.OK ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
                    .body(CheckResult.of(outcome, messages));
        });
    }

    @DeleteMapping
    ResponseEntity<Void> clear(@AuthenticationPrincipal AuthenticatedSession me) {
        settings.clear(me);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyTests(TooManySmtpTestsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, TooManySmtpTestsException.MESSAGE);
        problem.setTitle("problem.api.tooManyTests.title");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "600").body(problem);
    }

    private interface LoginAction {
        ResponseEntity<?> run(String username, Secret password);
    }

    private static ResponseEntity<?> withLogin(SmtpLoginRequest body, LoginAction action) {
        try {
            String problem = SmtpSettings.invalid(body.username(), body.password());
            if (problem != null) {
                return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem));
            }
            try (Secret password = Secret.ofChars(body.password())) {
                return action.run(body.username().trim(), password);
            }
        } finally {
            if (body.password() != null) Arrays.fill(body.password(), '\0');
        }
    }
}

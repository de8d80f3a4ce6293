package org.vaultmail.auth.smtp;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.SmtpLoginCheck.Outcome;
import org.vaultmail.vault.Secret;

/** {@code /settings/smtp}: a form (no script) to test, save or clear the SMTP login; the password field is always empty. */
@Controller
class SmtpSettingsPageController {

    private final SmtpSettings settings;
    private final MessageSource messages;

    SmtpSettingsPageController(SmtpSettings settings, MessageSource messages) {
        this.messages = messages;
        this.settings = settings;
    }

    @GetMapping("/settings/smtp")
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        return render(me, model, null, null, false);
    }

    @PostMapping("/settings/smtp")
    String submit(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String username,
                  @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "test") String action,
                  HttpServletResponse response, Model model) {
        char[] chars = password.toCharArray();
        try {
            String problem = SmtpSettings.invalid(username, chars);
            if (problem != null) {
                response.setStatus(400);
                return render(me, model, username, problem, false);
            }
            try (Secret pw = Secret.ofChars(chars)) {
                Outcome outcome;
                try {
                    outcome = "save".equals(action) ? settings.save(me, username.trim(), pw, true)
                            : settings.test(me, username.trim(), pw);
                } catch (TooManySmtpTestsException e) {
                    response.setStatus(429);
                    return render(me, model, username, TooManySmtpTestsException.MESSAGE, false);
                }
                if (outcome != Outcome.OK) response.setStatus(422);
                String message = "save".equals(action) && outcome == Outcome.OK ? text("problem.smtp.saved")
                        : text(SmtpSettings.message(outcome)) + ("save".equals(action) ? " " + text("problem.smtp.notSaved") : "");
                return render(me, model, username, message, outcome == Outcome.OK);
            }
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    @PostMapping("/settings/smtp/clear")
    String clear(@AuthenticationPrincipal AuthenticatedSession me) {
        settings.clear(me);
        return "redirect:/settings/smtp";
    }

    private String render(AuthenticatedSession me, Model model, @Nullable String typedUsername, @Nullable String message,
                          boolean ok) {
        SmtpSettings.View view = settings.view(me);
        model.addAttribute("me", me);
        model.addAttribute("view", view);
        model.addAttribute("staleMessage", view.stale() ? SmtpSettings.STALE_MESSAGE : null);
        model.addAttribute("username", typedUsername != null ? typedUsername : view.username());
        model.addAttribute("message", message);
        model.addAttribute("ok", ok);
        return "smtp";
    }

    /** A message key's text in the request's language. */
    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}

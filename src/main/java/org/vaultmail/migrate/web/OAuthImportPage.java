package org.vaultmail.migrate.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.vault.VaultException;

/**
 * The page's "Import from &lt;provider&gt;" (ADR 0046): {@code POST /settings/import/oauth} answers a page that
 * navigates the browser to the provider (a redirect would be stopped by the CSP's {@code form-action 'self'}); the callback comes back to {@code /settings/import/{id}} or, refused, to
 * {@code /settings/import?oauth=<code>}, which the page explains ({@link Model}).
 */
@Controller
class OAuthImportPage {

    static final String START = ImportPageController.PAGE + "/oauth";

    private final OAuthImportStarts starts;
    private final MessageSource messages;

    OAuthImportPage(OAuthImportStarts starts, MessageSource messages) {
        this.starts = starts;
        this.messages = messages;
    }

    @PostMapping(START)
    String start(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String provider,
                 @RequestParam(defaultValue = "") String gmailLabels, @RequestParam(defaultValue = "false") boolean dryRun,
                 HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect,
                 org.springframework.ui.Model model) {
        try {
            MigrationOptions options = new ImportOptions(null, null, null, null, null, null, null, dryRun, null, null,
                    gmailLabels).toOptions();
            String next = starts.start(me, provider, options, request, response).toString();
            // a page that navigates, not a redirect: the CSP's form-action 'self' stops a form's redirect to another
            // origin (Chromium left the user on this page, nothing happening, until this)
            model.addAttribute("authorizationUrl", next);
            model.addAttribute("provider", starts.providers().stream().filter(p -> p.id().equals(provider.strip()))
                    .map(OAuthProvider::displayName).findFirst().orElse(provider.strip()));
            model.addAttribute("texts", "import.oauth.start");
            return "oauth-start";
        } catch (MigrationProblem e) {
            redirect.addFlashAttribute("message", ImportPageController.shown(messages, e));
            redirect.addFlashAttribute("ok", false);
        } catch (VaultException e) {
            redirect.addFlashAttribute("message",
                    messages.getMessage("problem.import.signInAgain", null, LocaleContextHolder.getLocale()));
            redirect.addFlashAttribute("ok", false);
        }
        return "redirect:" + ImportPageController.PAGE;
    }

    /** What the import page needs for its OAuth section: the providers and, back from a refused flow, why. */
    @ControllerAdvice(assignableTypes = ImportPageController.class)
    static class Model {

        private final OAuthImportStarts starts;

        Model(OAuthImportStarts starts) {
            this.starts = starts;
        }

        @ModelAttribute("oauthProviders")
        List<OAuthProvider> providers() {
            return starts.providers();
        }

        /** The message key for {@code ?oauth=<code>} (a known code only: the page never echoes a parameter). */
        @ModelAttribute("oauthProblem")
        @Nullable String problem(@RequestParam(name = "oauth", required = false) @Nullable String code) {
            if (code == null) return null;
            return switch (code) {
                case "denied", "scope", "expired", "failed", "source_login_failed", "source_unreachable",
                     "destination_login_failed", "destination_unreachable", "unknown_server", "busy", "server_not_allowed",
                     "same_account" ->
                        "import.oauth.problem." + code;
                default -> "import.oauth.problem.failed";
            };
        }
    }

}

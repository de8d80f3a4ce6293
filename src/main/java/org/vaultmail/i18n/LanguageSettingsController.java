package org.vaultmail.i18n;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.AuthenticatedSession;

/** The Language section of Settings: a supported language, or empty for "as the browser asks"; post-redirect-get. */
@Controller
class LanguageSettingsController {

    private final UserLanguages languages;

    LanguageSettingsController(UserLanguages languages) {
        this.languages = languages;
    }

    @PostMapping("/settings/language")
    String choose(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String language,
                  RedirectAttributes redirect) {
        languages.choose(me.userId(), Languages.supported(language).orElse(null));
        redirect.addFlashAttribute("languageSaved", true);
        return "redirect:/settings#settings-language";
    }
}

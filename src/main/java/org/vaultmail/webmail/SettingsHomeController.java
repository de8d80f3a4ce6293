package org.vaultmail.webmail;

import java.util.Locale;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.Languages;
import org.vaultmail.i18n.UserLanguages;

/**
 * The one Settings page the top bar links to (issue 17 item 5): a section per area (profile and identities; language;
 * security: two-step sign-in, passkeys, sessions; SMTP login; folders; importing mail; the sending API; remote content),
 * each leading to its own page. The pages themselves stay where they were, so links and bookmarks keep working.
 */
@Controller
class SettingsHomeController {

    private final UserLanguages languages;

    SettingsHomeController(UserLanguages languages) {
        this.languages = languages;
    }

    @GetMapping("/settings")
    String home(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("languages", Languages.SUPPORTED);
        model.addAttribute("languageChoice", languages.chosen(me.userId()).map(Locale::getLanguage).orElse(null));
        return "settings";
    }
}

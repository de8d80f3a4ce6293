package org.vaultmail.compose;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;

/** {@code /settings/identities}: the display name and signature of each From address (plain forms, no script). */
@Controller
class IdentitiesPageController {

    private final Identities identities;
    private final MessageSource messages;

    IdentitiesPageController(Identities identities, MessageSource messages) {
        this.identities = identities;
        this.messages = messages;
    }

    @GetMapping("/settings/identities")
    String page(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(required = false) @Nullable String saved, Model model) {
        model.addAttribute("identities", identities.list(me));
        model.addAttribute("saved", saved);
        return "identities";
    }

    @PostMapping("/settings/identities")
    String save(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam String address, @RequestParam(required = false) @Nullable String name,
                @RequestParam(required = false) @Nullable String signature, Model model, Locale locale) {
        try {
            identities.update(me, address, name, signature == null ? null : signature.replace("\r\n", "\n"));
        } catch (ComposeException e) {
            model.addAttribute("identities", identities.list(me));
            model.addAttribute("problem", UserText.of(e, messages, locale));
            model.addAttribute("problemAddress", address);
            return "identities";
        }
        return "redirect:/settings/identities?saved";
    }
}

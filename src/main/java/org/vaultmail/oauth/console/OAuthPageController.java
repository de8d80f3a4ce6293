package org.vaultmail.oauth.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin/oauth}: behind the operator console's chain (operator session, TOTP), read-only. */
@Controller
class OAuthPageController {

    private final OAuthOverview overview;

    OAuthPageController(OAuthOverview overview) {
        this.overview = overview;
    }

    @GetMapping("/admin/oauth")
    String page(Model model) {
        model.addAttribute("providers", overview.providers());
        return "admin/oauth";
    }
}

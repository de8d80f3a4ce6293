package org.vaultmail.web;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The front page: signed in, the mailbox; signed out, what this instance is and where to sign in. */
@Controller
class HomeController {

    private final boolean demo;

    HomeController(Environment environment) {
        this.demo = environment.matchesProfiles("demo");
    }

    /** {@code principal} is null for an anonymous visitor (Spring Security hides the anonymous token here). */
    @GetMapping("/")
    String home(@Nullable Principal principal, Model model) {
        if (principal != null) return "redirect:/mail";
        model.addAttribute("demo", demo);
        return "home";
    }
}

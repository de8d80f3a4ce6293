package org.vaultmail.web;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The front page; until sign-in exists it says what this instance is. */
@Controller
class HomeController {

    private final boolean demo;

    HomeController(Environment environment) {
        this.demo = environment.matchesProfiles("demo");
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("demo", demo);
        return "home";
    }
}

package org.vaultmail.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The front page; until sign-in exists it says what this instance is. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}

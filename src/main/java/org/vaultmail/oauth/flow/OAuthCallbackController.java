package org.vaultmail.oauth.flow;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /oauth/callback/{registrationId}}: reachable signed out (sign-in) and signed in. The answer is a small
 * same-origin page that continues to the handler's path, so that page's request is a same-site navigation and carries
 * every cookie of the app, even SameSite=Strict ones (the callback itself arrives cross-site). Never cached, never
 * referred (the URL holds the code).
 */
@Controller
class OAuthCallbackController {

    private final CallbackProcessor processor;

    OAuthCallbackController(CallbackProcessor processor) {
        this.processor = processor;
    }

    @GetMapping("/oauth/callback/{registrationId}")
    String callback(@PathVariable String registrationId, @RequestParam(required = false) @Nullable String state,
                    @RequestParam(required = false) @Nullable String code, @RequestParam(required = false) @Nullable String error,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        CallbackProcessor.Outcome outcome = processor.process(registrationId, state, code, error, request, response);
        return switch (outcome) {
            case CallbackProcessor.Outcome.Refused r -> {
                response.setStatus(400);
                model.addAttribute("messageKey", r.messageKey());
                yield "oauth/refused";
            }
            case CallbackProcessor.Outcome.Continue c -> {
                model.addAttribute("next", c.path());
                yield "oauth/continue";
            }
        };
    }
}

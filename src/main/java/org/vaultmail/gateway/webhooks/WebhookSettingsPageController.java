package org.vaultmail.gateway.webhooks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;

/**
 * {@code /settings/api/webhooks}: add an endpoint (URL and event checkboxes), see its secret once, rotate it, send a
 * test event, see recent deliveries, remove it. Plain forms; the only script is the copy button's file.
 */
@Controller
class WebhookSettingsPageController {

    static final String PATH = "/settings/api/webhooks";
    static final int RECENT = 5;

    private final WebhookService webhooks;

    private final MessageSource messages;

    WebhookSettingsPageController(WebhookService webhooks, MessageSource messages) {
        this.webhooks = webhooks;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        return render(me, model, "", List.of(), null, null, null, false);
    }

    @PostMapping(PATH)
    String add(@AuthenticationPrincipal AuthenticatedSession me, Authentication auth, HttpServletRequest request,
               @RequestParam(defaultValue = "") String url, @RequestParam(name = "events", required = false) @Nullable List<String> events,
               HttpServletResponse response, Model model) {
        List<String> chosen = events == null ? List.of() : events;
        try {
            WebhookService.Created created = webhooks.add(WebhookOwners.of(auth, request), url, chosen);
            response.setStatus(201);
            return render(me, model, "", List.of(), "webhooks.added", created.id(), created.secret(), true);
        } catch (WebhookUrlException | WebhookRequestException e) {
            response.setStatus(422);
            return render(me, model, url, chosen, ((UserText.Shown) e).text().in(messages, LocaleContextHolder.getLocale()), null, null, false);
        }
    }

    @PostMapping(PATH + "/{id}/rotate")
    String rotate(@AuthenticationPrincipal AuthenticatedSession me, Authentication auth, HttpServletRequest request,
                  @PathVariable long id, Model model) {
        return webhooks.rotate(WebhookOwners.of(auth, request), id)
                .map(secret -> render(me, model, "", List.of(), "webhooks.rotated", id, secret, true))
                .orElse("redirect:" + PATH);
    }

    @PostMapping(PATH + "/{id}/test")
    String test(@AuthenticationPrincipal AuthenticatedSession me, Authentication auth, HttpServletRequest request,
                @PathVariable long id, HttpServletResponse response, Model model) {
        try {
            boolean queued = webhooks.sendTest(WebhookOwners.of(auth, request), id);
            return queued ? render(me, model, "", List.of(), "webhooks.testQueued", null, null, true) : "redirect:" + PATH;
        } catch (WebhookRequestException e) {
            response.setStatus(422);
            return render(me, model, "", List.of(), e.text().in(messages, LocaleContextHolder.getLocale()), null, null, false);
        }
    }

    @PostMapping(PATH + "/{id}/remove")
    String remove(Authentication auth, HttpServletRequest request, @PathVariable long id) {
        webhooks.remove(WebhookOwners.of(auth, request), id);
        return "redirect:" + PATH;
    }

    /**
     * @param message a bundle key (when {@code ok}) or a problem's text for the user
     * @param secret  the secret to show once, for endpoint {@code secretFor}
     */
    private String render(AuthenticatedSession me, Model model, String url, List<String> events, @Nullable String message,
                          @Nullable Long secretFor, @Nullable String secret, boolean ok) {
        Map<WebhookEndpoints.Endpoint, List<WebhookDeliveries.Logged>> endpoints = new LinkedHashMap<>();
        for (WebhookEndpoints.Endpoint e : webhooks.list(me.userId())) {
            endpoints.put(e, webhooks.find(me.userId(), e.id(), RECENT).map(WebhookService.Detail::deliveries).orElse(List.of()));
        }
        model.addAttribute("me", me);
        model.addAttribute("endpoints", endpoints);
        model.addAttribute("types", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::label).toList());
        model.addAttribute("url", url);
        model.addAttribute("chosen", events);
        model.addAttribute("message", ok ? null : message);
        model.addAttribute("messageKey", ok ? message : null);
        model.addAttribute("secretFor", secretFor);
        model.addAttribute("secret", secret);
        return "webhooks";
    }
}

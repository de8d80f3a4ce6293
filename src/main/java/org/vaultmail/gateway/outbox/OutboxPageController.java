package org.vaultmail.gateway.outbox;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * {@code /settings/api/outbox}: the signed-in user's outbox messages (no content: subjects and bodies stay sealed;
 * the Message-ID, mailbox, recipient count, times and status with its history), filtered by status and mailbox, with
 * cancel and retry buttons (forms with the CSRF token; no script needed).
 */
@Controller
class OutboxPageController {

    static final int PAGE_SIZE = 50;

    private final OutboxMessages messages;
    private final MessageSource texts;

    OutboxPageController(OutboxMessages messages, MessageSource texts) {
        this.messages = messages;
        this.texts = texts;
    }

    /** A refusal as the page shows it, in the request's language. */
    private @Nullable String shown(OutboxProblem e) {
        return UserText.of(e, texts, LocaleContextHolder.getLocale());
    }

    @GetMapping("/settings/api/outbox")
    String page(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable Long mailbox, @RequestParam(required = false) @Nullable String before,
                Model model) {
        return render(me, status, mailbox, before, null, model);
    }

    @PostMapping("/settings/api/outbox/{id}/cancel")
    String cancel(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            messages.cancel(me.userId(), id, mailbox -> true, actor(me, request));
            return "redirect:/settings/api/outbox";
        } catch (OutboxProblem e) {
            response.setStatus(e.status().value());
            return render(me, null, null, null, shown(e), model);
        }
    }

    @PostMapping("/settings/api/outbox/{id}/retry")
    String retry(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        try {
            messages.retry(me.userId(), id, mailbox -> true, actor(me, request));
            return "redirect:/settings/api/outbox";
        } catch (OutboxProblem e) {
            response.setStatus(e.status().value());
            return render(me, null, null, null, shown(e), model);
        }
    }

    private String render(AuthenticatedSession me, @Nullable String status, @Nullable Long mailbox, @Nullable String before,
                          @Nullable String problem, Model model) {
        OutboxStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = OutboxStatus.of(status);
            } catch (IllegalArgumentException e) {
                problem = texts.getMessage("problem.outbox.unknownStatus", new Object[] {status}, LocaleContextHolder.getLocale());
            }
        }
        Map<Long, String> mailboxes = messages.mailboxes(me.userId());
        OutboxMessages.Page page;
        try {
            page = messages.list(me.userId(), wanted, mailbox, PAGE_SIZE, before);
        } catch (OutboxProblem e) {
            problem = shown(e);
            page = messages.list(me.userId(), wanted, mailbox, PAGE_SIZE, null);
        }
        model.addAttribute("me", me);
        model.addAttribute("page", messages.withHistory(page));
        model.addAttribute("statuses", OutboxStatus.values());
        model.addAttribute("status", wanted == null ? "" : wanted.label());
        model.addAttribute("mailboxes", mailboxes);
        model.addAttribute("mailbox", mailbox);
        model.addAttribute("problem", problem);
        return "api-outbox";
    }

    private static OutboxMessages.Actor actor(AuthenticatedSession me, HttpServletRequest request) {
        return new OutboxMessages.Actor("the outbox page", me.address(), request.getRemoteAddr());
    }
}

package org.vaultmail.gateway.apikeys;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.mfa.RequiresRecentAuthentication;

/**
 * {@code /settings/api/keys}: create (shown once), list and revoke keys, with plain forms. Creating posts through the
 * sudo mode's confirmation page when the session is not fresh (a sign-in within the window counts, issue 13).
 */
@Controller
class ApiKeysPageController {

    static final String PATH = "/settings/api/keys";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The create form as typed; kept when it is refused. */
    static final class Form {
        private String name = "";
        private List<String> scopes = List.of();
        private String mailboxChoice = "all";
        private List<Long> mailboxes = List.of();
        private String expiresOn = "";

        public String getName() { return name; }
        public void setName(@Nullable String name) { this.name = name == null ? "" : name; }
        public List<String> getScopes() { return scopes; }
        public void setScopes(@Nullable List<String> scopes) { this.scopes = scopes == null ? List.of() : scopes; }
        public String getMailboxChoice() { return mailboxChoice; }
        public void setMailboxChoice(@Nullable String c) { this.mailboxChoice = "chosen".equals(c) ? "chosen" : "all"; }
        public List<Long> getMailboxes() { return mailboxes; }
        public void setMailboxes(@Nullable List<Long> mailboxes) { this.mailboxes = mailboxes == null ? List.of() : mailboxes; }
        public String getExpiresOn() { return expiresOn; }
        public void setExpiresOn(@Nullable String expiresOn) { this.expiresOn = expiresOn == null ? "" : expiresOn.strip(); }
    }

    /** A row of the list, formatted. */
    record Row(long id, String prefix, String name, String scopes, String mailboxes, String created, String lastUsed,
               String expires, boolean revoked) {
    }

    private final ApiKeys keys;

    private final MessageSource messages;

    ApiKeysPageController(ApiKeys keys, MessageSource messages) {
        this.messages = messages;
        this.keys = keys;
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        return render(me, model, new Form(), null, null);
    }

    @PostMapping(PATH)
    @RequiresRecentAuthentication(value = "apikeys.reauth.action", signInCounts = true, page = PATH)
    String create(@AuthenticationPrincipal AuthenticatedSession me, @ModelAttribute("form") Form form, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            ApiKeys.Created created = keys.create(me, new ApiKeys.Request(form.getName(), form.getScopes(),
                    "chosen".equals(form.getMailboxChoice()) ? form.getMailboxes() : null, expiry(form.getExpiresOn())),
                    request.getRemoteAddr());
            // Spring Security's default Cache-Control (no-cache, no-store, …) keeps this page out of caches
            return render(me, model, new Form(), null, created);
        } catch (ApiKeyRefused e) {
            response.setStatus(e.kind() == ApiKeyRefused.Kind.SECOND_FACTOR_REQUIRED ? 403 : 400);
            return render(me, model, form, e.text(messages, LocaleContextHolder.getLocale()), null);
        }
    }

    @PostMapping(PATH + "/{id}/revoke")
    String revoke(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id, HttpServletRequest request) {
        try {
            keys.revoke(me, id, request.getRemoteAddr());
        } catch (ApiKeyRefused e) {
            // already revoked or not theirs: the list shows the truth
        }
        return "redirect:" + PATH;
    }

    /** A date: the key expires at the start of that day (UTC). */
    private static @Nullable Instant expiry(String date) {
        if (date.isEmpty()) return null;
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.expiryFormat");
        }
    }

    private String render(AuthenticatedSession me, Model model, Form form, @Nullable String error, ApiKeys.@Nullable Created created) {
        model.addAttribute("me", me);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("created", created == null ? null : new CreatedView(created.key().reveal(), created.prefix(), created.name()));
        model.addAttribute("secondFactorMissing", keys.secondFactorMissing(me));
        List<ApiKeyStore.Mailbox> mailboxes = keys.mailboxesOf(me);
        model.addAttribute("mailboxes", mailboxes);
        model.addAttribute("scopes", List.of(ApiScope.values()));
        model.addAttribute("rows", keys.list(me).stream().map(l -> row(l, mailboxes)).toList());
        return "api-keys";
    }

    /** The new key for the page that shows it once; prints without it. */
    record CreatedView(String key, String prefix, String name) {
        @Override
        public String toString() {
            return "CreatedView[prefix=" + prefix + "]";
        }
    }

    private static Row row(ApiKeys.Listed l, List<ApiKeyStore.Mailbox> mailboxes) {
        ApiKeyStore.Listed k = l.key();
        String boxes = l.mailboxes() == null ? "all" : mailboxes.stream().filter(m -> l.mailboxes().contains(m.id()))
                .map(ApiKeyStore.Mailbox::address).collect(Collectors.joining(", "));
        String lastUsed = k.lastUsedAt() == null ? "never" : WHEN.format(k.lastUsedAt()) + " from " + k.lastUsedFrom();
        return new Row(k.id(), k.prefix(), k.name(), String.join(" ", ApiKeysApiController.labels(k.scopes())), boxes,
                WHEN.format(k.createdAt()), lastUsed, k.expiresAt() == null ? "never" : WHEN.format(k.expiresAt()),
                k.revokedAt() != null);
    }
}

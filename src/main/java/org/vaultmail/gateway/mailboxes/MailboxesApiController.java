package org.vaultmail.gateway.mailboxes;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.vault.Secret;

/**
 * {@code /api/v1/mailboxes}: the signed-in user's connected mailboxes (issue 13's names). The password goes in and is
 * never returned; a failed test says only that the login was refused or the server unreachable. Another user's id is 404.
 */
@RestController
@RequestMapping("/api/v1/mailboxes")
class MailboxesApiController {

    /** {@code address} empty or omitted: the user's own mailbox. The password never prints. */
    record ConnectRequest(@Nullable String address, char @Nullable [] password) {
        @Override
        public String toString() {
            return "ConnectRequest[" + address + "]";
        }
    }

    record PasswordRequest(char @Nullable [] password) {
        @Override
        public String toString() {
            return "PasswordRequest[]";
        }
    }

    record MailboxView(long id, String address, String kind, String state) {
        static MailboxView of(ConnectedMailbox m) {
            return new MailboxView(m.id(), m.address(), m.kind().label(), m.state().label());
        }
    }

    record ListedView(long id, String address, String kind, String state, String connectedAt, String stateChangedAt) {
        static ListedView of(MailboxRows.Listed l) {
            ConnectedMailbox m = l.mailbox();
            return new ListedView(m.id(), m.address(), m.kind().label(), m.state().label(), l.connectedSince().toString(),
                    l.stateChangedAt().toString());
        }
    }

    /** Where the browser goes next to connect an OAuth account. */
    record OAuthStart(String authorizationUrl) {
    }

    private final MailboxSettings settings;
    private final OAuthMailboxSettings oauthSettings;
    private final ObjectProvider<OAuthFlows> flows;
    private final MessageSource messages;

    MailboxesApiController(MailboxSettings settings, OAuthMailboxSettings oauthSettings, ObjectProvider<OAuthFlows> flows,
                           MessageSource messages) {
        this.settings = settings;
        this.oauthSettings = oauthSettings;
        this.flows = flows;
        this.messages = messages;
    }

    @GetMapping
    List<ListedView> list(@AuthenticationPrincipal AuthenticatedSession me) {
        return settings.list(me.userId()).stream().map(ListedView::of).toList();
    }

    /** 201 after a successful test; 422 when the server refused the login (nothing stored). */
    @PostMapping
    ResponseEntity<MailboxView> connect(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody ConnectRequest body,
                                        HttpServletRequest request) {
        return withPassword(body.password(), password -> ResponseEntity.status(HttpStatus.CREATED)
                .body(MailboxView.of(settings.connect(actor(me, request), body.address(), password))));
    }

    /**
     * Starts "Connect a Google/Microsoft 365 account" for a browser client of the session: the answer sets the flow's
     * cookie, so the same browser must open the URL. The mailbox is created at the callback (ADR 0044).
     */
    @PostMapping("/oauth/{provider}")
    OAuthStart startOAuth(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String provider,
                          HttpServletRequest request, HttpServletResponse response) {
        OAuthProvider p = oauthSettings.checkStart(actor(me, request), provider);
        OAuthFlows starter = flows.getIfAvailable();
        if (starter == null) throw new MailboxProblem(MailboxProblem.Reason.NOT_FOUND, "problem.mailbox.noSuchAccount");
        return new OAuthStart(starter.start(p.id(), OAuthPurpose.SEND, MailboxConnectFlow.FLOW,
                java.util.Map.of(MailboxConnectFlow.USER, Long.toString(me.userId())), null, request, response).toString());
    }

    @PutMapping("/{id}/password")
    ResponseEntity<MailboxView> replacePassword(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id,
                                                @RequestBody PasswordRequest body, HttpServletRequest request) {
        return withPassword(body.password(), password ->
                ResponseEntity.ok(MailboxView.of(settings.replacePassword(actor(me, request), id, password))));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> disconnect(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id,
                                    HttpServletRequest request) {
        settings.disconnect(actor(me, request), id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(MailboxProblem e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.reason().status,
                e.text().in(messages, LocaleContextHolder.getLocale())); // the title: a key, i18n.ProblemTexts
        problem.setTitle(e.reason().title);
        var response = ResponseEntity.status(e.reason().status);
        if (e.reason() == MailboxProblem.Reason.TOO_MANY_TESTS) response.header("Retry-After", "600");
        return response.body(problem);
    }

    static MailboxEvents.Actor actor(AuthenticatedSession me, HttpServletRequest request) {
        return new MailboxEvents.Actor(me.userId(), me.address(), request.getRemoteAddr());
    }

    /** The password as a {@link Secret} for the call; the request's char array is wiped either way. */
    private static <T> T withPassword(char @Nullable [] chars, Function<Secret, T> action) {
        if (chars == null) throw new MailboxProblem(MailboxProblem.Reason.INVALID, "problem.mailbox.enterPassword");
        try (Secret password = Secret.ofChars(chars)) {
            return action.apply(password);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}

package org.vaultmail.gateway.apikeys;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;

/**
 * {@code /api/v1/api-keys}: a signed-in session manages its user's keys. A request authenticated by an API key never
 * gets here (its credential is refused off the outbox and webhooks paths), and the principal must be a session.
 */
@RestController
class ApiKeysApiController {

    /** The only answer that ever holds a key; prints without it. */
    record CreatedBody(long id, String key, String prefix, String name, List<String> scopes, Instant expiresAt) {
        @Override
        public String toString() {
            return "CreatedBody[id=" + id + ", prefix=" + prefix + "]";
        }
    }

    record KeyBody(long id, String prefix, String name, List<String> scopes, @Nullable Set<Long> mailboxes, Instant createdAt,
                   @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable String lastUsedFrom, boolean revoked) {
    }

    private final ApiKeys keys;

    private final MessageSource messages;

    ApiKeysApiController(ApiKeys keys, MessageSource messages) {
        this.messages = messages;
        this.keys = keys;
    }

    @PostMapping("/api/v1/api-keys")
    ResponseEntity<CreatedBody> create(@AuthenticationPrincipal AuthenticatedSession me, @RequestBody ApiKeys.Request body,
                                       HttpServletRequest request) {
        ApiKeys.Created c = keys.create(me, body, request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + c.id()))
                .body(new CreatedBody(c.id(), c.key().reveal(), c.prefix(), c.name(), labels(c.scopes()), c.expiresAt()));
    }

    @GetMapping("/api/v1/api-keys")
    List<KeyBody> list(@AuthenticationPrincipal AuthenticatedSession me) {
        return keys.list(me).stream().map(l -> {
            ApiKeyStore.Listed k = l.key();
            return new KeyBody(k.id(), k.prefix(), k.name(), labels(k.scopes()), l.mailboxes(), k.createdAt(), k.expiresAt(),
                    k.lastUsedAt(), k.lastUsedFrom(), k.revokedAt() != null);
        }).toList();
    }

    @DeleteMapping("/api/v1/api-keys/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable long id, HttpServletRequest request) {
        keys.revoke(me, id, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(ApiKeyRefused e) {
        ProblemDetail problem = switch (e.kind()) {
            case INVALID -> ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.text(messages, LocaleContextHolder.getLocale()));
            case NOT_FOUND -> ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.text(messages, LocaleContextHolder.getLocale()));
            case SECOND_FACTOR_REQUIRED -> ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.text(messages, LocaleContextHolder.getLocale()));
        };
        problem.setTitle(switch (e.kind()) {
            case INVALID -> "problem.apikey.invalid.title";
            case NOT_FOUND -> "problem.apikey.notFound.title";
            case SECOND_FACTOR_REQUIRED -> "problem.apikey.secondFactor.title";
        });
        if (e.kind() == ApiKeyRefused.Kind.SECOND_FACTOR_REQUIRED) {
            problem.setType(URI.create(ApiKeyRefused.SECOND_FACTOR_TYPE));
            problem.setProperty("secondFactorRequired", true);
            problem.setProperty("enrol", "/settings/security");
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    static List<String> labels(Set<ApiScope> scopes) {
        return scopes.stream().sorted().map(ApiScope::label).toList();
    }
}

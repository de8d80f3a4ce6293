package org.vaultmail.gateway.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: register, list, inspect, remove, rotate and test endpoints, as the signed-in user or with
 * an API key that has the {@code webhooks} scope. The secret appears in the answers to create and rotate only.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookApiController {

    record CreateRequest(@Nullable String url, @Nullable List<String> events) {
    }

    record CreatedView(long id, String secret) {
        @Override
        public String toString() {
            return "CreatedView[id=" + id + ", secret=[PROTECTED]]";
        }
    }

    record SecretView(String secret) {
        @Override
        public String toString() {
            return "SecretView[[PROTECTED]]";
        }
    }

    record EndpointView(long id, String url, List<String> events, boolean enabled, @Nullable String disabledReason,
                        @Nullable Instant disabledAt, Instant createdAt, @Nullable Instant failingSince) {
        static EndpointView of(WebhookEndpoints.Endpoint e) {
            return new EndpointView(e.id(), e.url(), e.events(), e.enabled(), e.disabledReason(), e.disabledAt(), e.createdAt(),
                    e.failingSince());
        }
    }

    record DeliveryView(String webhookId, String type, String status, int attempts, Instant createdAt,
                        @Nullable Integer responseCode, @Nullable Integer durationMs, @Nullable String error,
                        @Nullable Instant lastAttemptAt) {
        static DeliveryView of(WebhookDeliveries.Logged d) {
            return new DeliveryView(d.messageId(), d.type(), d.status(), d.attempts(), d.createdAt(), d.responseCode(),
                    d.durationMs(), d.error(), d.lastAttemptAt());
        }
    }

    record DetailView(long id, String url, List<String> events, boolean enabled, @Nullable String disabledReason,
                      @Nullable Instant disabledAt, Instant createdAt, @Nullable Instant failingSince,
                      List<DeliveryView> deliveries) {
    }

    private final WebhookService webhooks;

    private final MessageSource messages;

    WebhookApiController(WebhookService webhooks, MessageSource messages) {
        this.webhooks = webhooks;
        this.messages = messages;
    }

    @PostMapping
    ResponseEntity<CreatedView> create(Authentication auth, HttpServletRequest request, @RequestBody CreateRequest body) {
        if (body.url() == null || body.url().isBlank()) throw new WebhookRequestException("problem.webhook.noUrl");
        WebhookService.Created created = webhooks.add(WebhookOwners.of(auth, request), body.url(),
                body.events() == null ? List.of() : body.events());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
                .body(new CreatedView(created.id(), created.secret()));
    }

    @GetMapping
    List<EndpointView> list(Authentication auth, HttpServletRequest request) {
        return webhooks.list(WebhookOwners.of(auth, request).userId()).stream().map(EndpointView::of).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(Authentication auth, HttpServletRequest request, @PathVariable long id) {
        return webhooks.find(WebhookOwners.of(auth, request).userId(), id, 50)
                .<ResponseEntity<?>>map(d -> {
                    EndpointView e = EndpointView.of(d.endpoint());
                    return ResponseEntity.ok(new DetailView(e.id(), e.url(), e.events(), e.enabled(), e.disabledReason(),
                            e.disabledAt(), e.createdAt(), e.failingSince(), d.deliveries().stream().map(DeliveryView::of).toList()));
                })
                .orElseGet(WebhookApiController::notFound);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> delete(Authentication auth, HttpServletRequest request, @PathVariable long id) {
        return webhooks.remove(WebhookOwners.of(auth, request), id) ? ResponseEntity.noContent().build() : notFound();
    }

    @PostMapping("/{id}/rotate-secret")
    ResponseEntity<?> rotate(Authentication auth, HttpServletRequest request, @PathVariable long id) {
        return webhooks.rotate(WebhookOwners.of(auth, request), id)
                .<ResponseEntity<?>>map(secret -> ResponseEntity.ok(new SecretView(secret)))
                .orElseGet(WebhookApiController::notFound);
    }

    /** Queues a {@code webhook.test} event; 202: it is delivered like any other (see the endpoint's deliveries). */
    @PostMapping("/{id}/test")
    ResponseEntity<?> test(Authentication auth, HttpServletRequest request, @PathVariable long id) {
        return webhooks.sendTest(WebhookOwners.of(auth, request), id) ? ResponseEntity.accepted().build() : notFound();
    }

    @ExceptionHandler(WebhookUrlException.class)
    ResponseEntity<ProblemDetail> refusedUrl(WebhookUrlException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.webhook.title.url", e.text().in(messages, LocaleContextHolder.getLocale()));
    }

    @ExceptionHandler(WebhookRequestException.class)
    ResponseEntity<ProblemDetail> invalid(WebhookRequestException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "problem.webhook.title.invalid", e.text().in(messages, LocaleContextHolder.getLocale()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "problem.webhook.title.forbidden", e.getMessage()); // a key (WebhookOwners)
    }

    private static ResponseEntity<?> notFound() {
        return problem(HttpStatus.NOT_FOUND, "problem.webhook.title.notFound", "problem.webhook.notFound");
    }

    /** {@code title} (and a fixed detail) message keys, put into the request's language by i18n.ProblemTexts. */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail == null ? title : detail);
        body.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}

package org.vaultmail.gateway.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.vault.Secret;

/**
 * Works the delivery queue on every node: claims an attempt, signs it with the endpoint's secrets, posts it to the
 * destination checked again now, and records the outcome. 2xx ends the delivery; 410 disables the endpoint; anything
 * else is retried on the configured schedule, and an endpoint failing continuously for {@code disable-after} is
 * disabled (audited as {@code gateway.webhook.disabled}). Logs name deliveries and endpoints by id, never a URL
 * (it may carry a token) or a secret.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookDestinations destinations;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration lease;
    private final ExecutorService kicks = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("vaultmail-webhooks").factory());
    private final AtomicBoolean kickPending = new AtomicBoolean();

    WebhookDispatcher(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDestinations destinations,
                      WebhookSender sender, WebhookProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.sender = sender;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        // longer than one attempt to every address of a host can take
        this.lease = properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(4).plusMinutes(1);
    }

    /** Attempts what is due soon on this node's own thread (after new deliveries were queued); coalesces repeated kicks. */
    void kick() {
        if (kickPending.compareAndSet(false, true)) {
            kicks.execute(() -> {
                kickPending.set(false);
                try {
                    deliverDue();
                } catch (RuntimeException e) {
                    log.warn("Webhook delivery run failed ({}); the poll retries", e.getClass().getSimpleName());
                }
            });
        }
    }

    /** Attempts every delivery that is due; returns how many succeeded. Also forgets old deliveries and secrets. */
    int deliverDue() {
        Instant now = clock.instant();
        deliveries.purgeFinished(now.minus(properties.keepDeliveries()));
        endpoints.purgePreviousSecrets(now);
        int succeeded = 0;
        for (WebhookDeliveries.Due due : deliveries.due(now, 100)) {
            if (attempt(due)) succeeded++;
        }
        return succeeded;
    }

    private boolean attempt(WebhookDeliveries.Due due) {
        if (!deliveries.claim(due, clock.instant().plus(lease))) return false;
        int attempt = due.attempts() + 1;
        Optional<WebhookEndpoints.Endpoint> found = endpoints.find(due.endpointId()).filter(WebhookEndpoints.Endpoint::enabled);
        if (found.isEmpty()) {
            deliveries.finish(due.id(), WebhookDeliveries.Status.CANCELLED, clock.instant());
            return false;
        }
        WebhookEndpoints.Endpoint endpoint = found.get();
        Instant started = clock.instant();
        WebhookSender.Outcome outcome = post(endpoint, due);
        try {
            return settle(due, endpoint, attempt, outcome);
        } finally {
            // written last, so a log entry means the attempt's outcome is settled (the UI and tests read it)
            deliveries.logAttempt(due.id(), attempt, started, outcome.status(), outcome.durationMs(), outcome.error());
        }
    }

    /** Ends, retries or gives up the delivery after an attempt, and disables the endpoint when it is gone or failing too long. */
    private boolean settle(WebhookDeliveries.Due due, WebhookEndpoints.Endpoint endpoint, int attempt, WebhookSender.Outcome outcome) {
        Instant now = clock.instant();
        if (outcome.succeeded()) {
            deliveries.finish(due.id(), WebhookDeliveries.Status.SUCCEEDED, now);
            endpoints.succeeded(endpoint.id());
            log.info("Webhook {} ({}) delivered to endpoint {} on attempt {}", due.messageId(), due.type(), endpoint.id(), attempt);
            return true;
        }
        String failure = outcome.status() != null ? "status " + outcome.status() : outcome.error();
        if (outcome.status() != null && outcome.status() == 410) {
            deliveries.finish(due.id(), WebhookDeliveries.Status.FAILED, now);
            disable(endpoint, "gone", now);
            return false;
        }
        endpoints.failed(endpoint.id(), now);
        Instant failingSince = endpoint.failingSince() != null ? endpoint.failingSince() : now;
        if (!failingSince.plus(properties.disableAfter()).isAfter(now)) {
            deliveries.finish(due.id(), WebhookDeliveries.Status.FAILED, now);
            disable(endpoint, "failing", now);
        } else if (attempt >= properties.retrySchedule().size()) {
            deliveries.finish(due.id(), WebhookDeliveries.Status.FAILED, now);
            log.warn("Webhook {} ({}) to endpoint {} given up after {} attempts ({})", due.messageId(), due.type(),
                    endpoint.id(), attempt, failure);
        } else {
            Instant next = now.plus(properties.retrySchedule().get(attempt));
            deliveries.retryAt(due.id(), next);
            log.info("Webhook {} ({}) to endpoint {} attempt {} failed ({}); next attempt at {}", due.messageId(), due.type(),
                    endpoint.id(), attempt, failure, next);
        }
        return false;
    }

    /** Checks the destination again (its DNS may have changed), signs and posts; a refused destination is a failure. */
    private WebhookSender.Outcome post(WebhookEndpoints.Endpoint endpoint, WebhookDeliveries.Due due) {
        WebhookDestinations.Vetted destination;
        try {
            destination = destinations.vet(endpoint.url());
        } catch (WebhookUrlException e) {
            return new WebhookSender.Outcome(null, "refused_destination", 0);
        }
        long timestamp = clock.instant().getEpochSecond();
        List<Secret> secrets = endpoints.signingSecrets(endpoint, clock.instant());
        String signature;
        try {
            signature = WebhookSigner.signature(due.messageId(), timestamp, due.payload(), secrets);
        } finally {
            secrets.forEach(Secret::close);
        }
        return sender.send(destination, Map.of("webhook-id", due.messageId(), "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature), due.payload());
    }

    private void disable(WebhookEndpoints.Endpoint endpoint, String reason, Instant now) {
        if (!endpoints.disable(endpoint.id(), reason, now)) return;
        int cancelled = deliveries.cancelPending(endpoint.id(), now);
        log.warn("Webhook endpoint {} disabled ({}); {} waiting deliveries cancelled", endpoint.id(), reason, cancelled);
        events.publishEvent(GatewayEvent.bySystem("gateway.webhook.disabled", endpoint.userId(), "webhook:" + endpoint.id(),
                "success", Map.of("reason", reason, "cancelledDeliveries", cancelled), null, now));
    }

    @Override
    public void close() {
        kicks.shutdownNow();
    }
}

package org.vaultmail.gateway.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.vault.Secret;

/**
 * What users do with their endpoints, for the API and the settings page alike. Each change commits together with its
 * audit event ({@code gateway.webhook.added}, {@code removed}, {@code secret_rotated}); the audit details name the
 * host, never the whole URL (it may carry a token) and never the secret.
 */
class WebhookService {

    /** Endpoints one user may register. */
    static final int MAX_PER_USER = 20;

    /** Who acts: the signed-in user, or the owner of the API key used. */
    record Owner(long userId, String address, @Nullable String clientAddress) {
    }

    /** A new endpoint and its secret, the only time the secret exists as text. */
    record Created(long id, String secret) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", secret=[PROTECTED]]";
        }
    }

    /** An endpoint and its recent deliveries. */
    record Detail(WebhookEndpoints.Endpoint endpoint, List<WebhookDeliveries.Logged> deliveries) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookDestinations destinations;
    private final WebhookDispatcher dispatcher;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WebhookService(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDestinations destinations,
                   WebhookDispatcher dispatcher, WebhookProperties properties, ApplicationEventPublisher events,
                   TransactionTemplate transactions, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Registers an endpoint after checking its URL and event types; throws {@link WebhookUrlException} or {@link WebhookRequestException}. */
    Created add(Owner owner, String url, List<String> eventTypes) {
        List<String> types = types(eventTypes);
        WebhookDestinations.Vetted vetted = destinations.vet(url.trim());
        String stored = vetted.target().uri().toString();
        return transactions.execute(status -> {
            if (endpoints.list(owner.userId()).size() >= MAX_PER_USER) {
                throw new WebhookRequestException("problem.webhook.tooMany", String.valueOf(MAX_PER_USER));
            }
            Instant now = clock.instant();
            try (Secret secret = WebhookSecrets.generate()) {
                long id = endpoints.create(owner.userId(), stored, types, secret, now);
                audit(owner, "gateway.webhook.added", id, Map.of("host", vetted.target().host(), "events", types), now);
                return new Created(id, WebhookSecrets.display(secret));
            }
        });
    }

    List<WebhookEndpoints.Endpoint> list(long userId) {
        return endpoints.list(userId);
    }

    Optional<Detail> find(long userId, long id, int recent) {
        return endpoints.find(userId, id).map(e -> new Detail(e, deliveries.recent(e.id(), recent)));
    }

    boolean remove(Owner owner, long id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(owner.userId(), id);
            if (endpoint.isEmpty() || !endpoints.delete(owner.userId(), id)) return false;
            audit(owner, "gateway.webhook.removed", id, Map.of("host", host(endpoint.get())), clock.instant());
            return true;
        }));
    }

    /** A new secret for the endpoint; the replaced one keeps signing for {@code secret-overlap}. Empty if no such endpoint. */
    Optional<String> rotate(Owner owner, long id) {
        return Optional.ofNullable(transactions.execute(status -> {
            Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(owner.userId(), id);
            if (endpoint.isEmpty()) return null;
            Instant now = clock.instant();
            try (Secret next = WebhookSecrets.generate()) {
                endpoints.rotate(endpoint.get(), next, now.plus(properties.secretOverlap()));
                audit(owner, "gateway.webhook.secret_rotated", id,
                        Map.of("host", host(endpoint.get()), "overlapUntil", now.plus(properties.secretOverlap()).toString()), now);
                return WebhookSecrets.display(next);
            }
        }));
    }

    /** Queues a {@code webhook.test} delivery to the endpoint (disabled or not subscribed alike) and attempts it soon. */
    boolean sendTest(Owner owner, long id) {
        Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(owner.userId(), id);
        if (endpoint.isEmpty()) return false;
        if (!endpoint.get().enabled()) {
            throw new WebhookRequestException("problem.webhook.disabled");
        }
        Instant now = clock.instant();
        deliveries.add(id, owner.userId(), "test:" + UUID.randomUUID(), WebhookEventType.TEST, WebhookPayloads.test(id, now), now);
        dispatcher.kick();
        return true;
    }

    private void audit(Owner owner, String action, long id, Map<String, Object> details, Instant now) {
        events.publishEvent(GatewayEvent.byUser(action, owner.address(), owner.userId(), "webhook:" + id, "success", details,
                owner.clientAddress(), null, now));
    }

    private static String host(WebhookEndpoints.Endpoint endpoint) {
        String host = java.net.URI.create(endpoint.url()).getHost();
        return host == null ? "" : host;
    }

    private static List<String> types(List<String> requested) {
        if (requested.isEmpty()) throw new WebhookRequestException("problem.webhook.noType");
        LinkedHashSet<String> types = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String t : requested) {
            if (WebhookEventType.of(t).isPresent()) types.add(t);
            else unknown.add(t);
        }
        if (!unknown.isEmpty()) {
            throw new WebhookRequestException("problem.webhook.unknownType", String.join(", ", unknown.stream()
                    .map(u -> u.length() > 40 ? u.substring(0, 40) + "…" : u).toList()),
                    String.join(", ", java.util.Arrays.stream(WebhookEventType.values()).map(WebhookEventType::label).toList()));
        }
        return List.copyOf(types);
    }
}

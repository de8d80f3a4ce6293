package org.vaultmail.gateway.webhooks;

import java.time.Clock;

import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayEvent;

/**
 * Queues a delivery per subscribed endpoint for every {@link GatewayEvent} with a webhook type. Like the notification
 * and audit listeners this is a transactional event listener fed by Spring Modulith's publication registry: the
 * publication is stored in the change's own transaction and completed only when this method returned, so a crash
 * before the rows were written leaves it to be published again (the event key keeps a republished event from being
 * queued twice). The rows commit in one transaction before the first attempt; no HTTP call holds a transaction.
 */
class WebhookListener {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookDispatcher dispatcher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WebhookListener(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDispatcher dispatcher,
                    TransactionTemplate transactions, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The condition keeps events without a webhook type from getting a publication row for this listener at all
     * (Spring Modulith evaluates it before storing publications): fewer writes per gateway change.
     */
    @Async
    @TransactionalEventListener(fallbackExecution = true, condition = "#root.args[0].webhookType() != null")
    void on(GatewayEvent event) {
        if (event.webhookType() == null) return;
        WebhookEventType type = WebhookEventType.of(event.webhookType()).orElse(null);
        if (type == null) return; // not one users can subscribe to
        String payload = WebhookPayloads.of(event, type);
        String key = WebhookPayloads.eventKey(event);
        Integer queued = transactions.execute(status -> {
            int n = 0;
            for (WebhookEndpoints.Endpoint endpoint : endpoints.subscribed(event.ownerUserId(), type.label())) {
                if (deliveries.add(endpoint.id(), endpoint.userId(), key, type.label(), payload, clock.instant())) n++;
            }
            return n;
        });
        if (queued != null && queued > 0) dispatcher.kick();
    }
}

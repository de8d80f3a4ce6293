package org.vaultmail.gateway.outbox.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.vaultmail.gateway.GatewayEvent;

/** Collects the {@link GatewayEvent}s a test node publishes. */
class RecordedEvents {

    final List<GatewayEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(GatewayEvent event) {
        events.add(event);
    }

    List<GatewayEvent> of(String action, String id) {
        return events.stream().filter(e -> e.action().equals(action) && ("message:" + id).equals(e.target())).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {
        @Bean
        RecordedEvents recordedEvents() {
            return new RecordedEvents();
        }
    }
}

package org.vaultmail.oauth.grants;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.oauth.OAuthGrantEvent;

/** Publishes {@link OAuthGrantEvent}s (the audit module records each); details are error codes, never tokens. */
final class GrantEvents {

    private final ApplicationEventPublisher publisher;

    GrantEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void publish(OAuthGrantEvent.Type type, GrantRow row, @Nullable String detail) {
        publisher.publishEvent(new OAuthGrantEvent(type, row.providerId(), row.purpose(), row.userId(), row.id(), row.email(), detail));
    }
}

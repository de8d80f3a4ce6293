package org.vaultmail.mail;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code vaultmail.mail.*}: timeouts for talking to the operator's mail servers, and whether message
 * lists carry previews ({@code previews}, default true; off saves one partial FETCH per page, see ADR 0008).
 */
@ConfigurationProperties("vaultmail.mail")
record MailProperties(@Nullable Duration connectTimeout, @Nullable Duration readTimeout, @Nullable Boolean previews) {

    @ConstructorBinding // the other constructor is for tests and callers that predate previews
    MailProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        previews = previews == null ? Boolean.TRUE : previews;
    }

    MailProperties(@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
        this(connectTimeout, readTimeout, null);
    }

    boolean withPreviews() {
        return !Boolean.FALSE.equals(previews);
    }
}

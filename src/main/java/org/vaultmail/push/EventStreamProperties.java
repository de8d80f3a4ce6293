package org.vaultmail.push;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.mail.push.stream.*}: the event stream. {@code keepAlive}: a comment line this often keeps
 * proxies from closing an idle stream. {@code retry}: the reconnect delay suggested to the browser.
 * {@code lifetime}: a stream ends after this long, so the client reconnects and is authenticated afresh.
 */
@ConfigurationProperties("vaultmail.mail.push.stream")
record EventStreamProperties(@Nullable Duration keepAlive, @Nullable Duration retry, @Nullable Duration lifetime) {

    EventStreamProperties {
        keepAlive = keepAlive == null ? Duration.ofSeconds(25) : keepAlive;
        retry = retry == null ? Duration.ofSeconds(5) : retry;
        lifetime = lifetime == null ? Duration.ofMinutes(15) : lifetime;
    }
}

package org.vaultmail.proxy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the remote-content proxy: the production destination policy and the fetcher (ADR 0012). */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    /** Public addresses on ports 80/443 only. Tests replace it with a {@code @Primary} bean; no property can. */
    @Bean
    DestinationPolicy publicDestinations() {
        return new PublicDestinations();
    }

    @Bean(destroyMethod = "close")
    RemoteFetcher remoteFetcher(DestinationPolicy policy, ProxyProperties properties) {
        return new RemoteFetcher(policy, properties);
    }
}

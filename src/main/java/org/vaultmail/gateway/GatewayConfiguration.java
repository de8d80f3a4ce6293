package org.vaultmail.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** The configuration's defaults; the console's stored policy replaces this bean with one that adds its changes. */
    @Bean
    @ConditionalOnMissingBean(GatewayPolicies.class)
    GatewayPolicies configuredGatewayPolicies(GatewayProperties properties) {
        GatewayPolicy policy = GatewayPolicy.of(properties);
        return () -> policy;
    }
}

package org.vaultmail.metrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The scrape endpoint has its own filter chain, ahead of the application's: a user's session or access
 * token does not open it (metrics are the operator's), only the scrape token does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MetricsSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain metricsScrape(HttpSecurity http, MetricsProperties properties) throws Exception {
        http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**", "/actuator/metrics", "/actuator/metrics/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()) // no cookies are honoured here
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new ScrapeTokenFilter(properties.token()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}

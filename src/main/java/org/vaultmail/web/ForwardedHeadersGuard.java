package org.vaultmail.web;

import java.util.Locale;

import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Only {@code vaultmail.web.trusted-proxies} ({@link TrustedProxiesFilter}) decides who may set {@code X-Forwarded-*}.
 * Spring Boot's own handling would believe any peer that Tomcat's {@code RemoteIpValve} calls internal (loopback and
 * every private network), and it switches itself on when it detects a cloud platform (e.g. {@code
 * KUBERNETES_SERVICE_HOST}) unless {@code server.forward-headers-strategy} is {@code none}, which application.yml
 * sets. A configuration that sets it to anything else is refused at start-up, and so is a {@code RemoteIpValve}
 * that anything else added (ADR 0025).
 */
final class ForwardedHeadersGuard implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    static final String PROPERTY = "server.forward-headers-strategy";

    ForwardedHeadersGuard(Environment environment) {
        String strategy = environment.getProperty(PROPERTY, "none").trim().toLowerCase(Locale.ROOT);
        if (!strategy.equals("none")) {
            throw new IllegalStateException(PROPERTY + " is '" + strategy + "', but Vaultmail supports only 'none': "
                    + "list your reverse proxies in vaultmail.web.trusted-proxies instead, so that X-Forwarded-For and "
                    + "X-Forwarded-Proto count only when they come from them");
        }
    }

    /** After Spring Boot's own customizers, which are where a {@code RemoteIpValve} would come from. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        if (factory.getEngineValves().stream().anyMatch(RemoteIpValve.class::isInstance)) {
            throw new IllegalStateException("Tomcat's RemoteIpValve is configured, but only vaultmail.web.trusted-proxies may "
                    + "decide who sets X-Forwarded-*: remove it (and keep " + PROPERTY + " at 'none')");
        }
    }
}

package org.vaultmail.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds {@code demo.test} → the demo mail server to the operator's {@code vaultmail.domains}. Spring
 * takes a list from its highest-precedence source only, so the existing entries are copied (raw,
 * whatever their keys) into a new first source together with the demo entry.
 */
final class DemoDomain {

    static final String DOMAIN = "demo.test";
    static final String SOURCE_NAME = "vaultmail-demo-domain";
    private static final ConfigurationPropertyName DOMAINS = ConfigurationPropertyName.of("vaultmail.domains");

    private DemoDomain() {
    }

    /** Appends the demo entry unless the operator already maps {@value #DOMAIN}; returns whether it did. */
    static boolean append(ConfigurableEnvironment environment, int imapPort, int smtpPort) {
        Map<String, Object> entries = new LinkedHashMap<>();
        int next = 0;
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) continue;
            for (ConfigurationPropertyName name : iterable.filter(DOMAINS::isAncestorOf)) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property == null || !name.isNumericIndex(DOMAINS.getNumberOfElements())) continue;
                entries.put(name.toString(), property.getValue());
                int index = Integer.parseInt(name.getElement(DOMAINS.getNumberOfElements(), ConfigurationPropertyName.Form.UNIFORM));
                next = Math.max(next, index + 1);
            }
            if (!entries.isEmpty()) break;
        }
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            if (entry.getKey().endsWith("].domain") && DOMAIN.equalsIgnoreCase(String.valueOf(entry.getValue()).trim())) {
                return false;
            }
        }
        String prefix = "vaultmail.domains[" + next + "].";
        entries.put(prefix + "domain", DOMAIN);
        entries.put(prefix + "imap.host", DemoMailServer.HOST);
        entries.put(prefix + "imap.port", imapPort);
        entries.put(prefix + "imap.security", "plain");
        entries.put(prefix + "smtp.host", DemoMailServer.HOST);
        entries.put(prefix + "smtp.port", smtpPort);
        entries.put(prefix + "smtp.security", "plain");
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, entries));
        return true;
    }

    /**
     * Points notification mail (ADR 0023) at the demo's SMTP server, so a console reset lands in the demo
     * user's inbox, unless the operator configured a notification server; returns whether it did.
     */
    static boolean notifications(ConfigurableEnvironment environment, int smtpPort) {
        String host = environment.getProperty("vaultmail.notifications.smtp.host");
        if (host != null && !host.isBlank()) return false;
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("vaultmail.notifications.smtp.host", DemoMailServer.HOST);
        entries.put("vaultmail.notifications.smtp.port", smtpPort);
        entries.put("vaultmail.notifications.smtp.security", "plain");
        entries.put("vaultmail.notifications.from", "vaultmail@" + DOMAIN);
        entries.put("vaultmail.notifications.from-name", "Vaultmail demo");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME + "-notifications", entries));
        return true;
    }
}

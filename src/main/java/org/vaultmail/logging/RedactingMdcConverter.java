package org.vaultmail.logging;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %X} and {@code %mdc}: MDC entries, with values under secret-looking names redacted. */
public class RedactingMdcConverter extends MDCConverter {

    @Override
    public String convert(ILoggingEvent event) {
        String key = getKey();
        if (key != null) {
            String value = super.convert(event);
            return value.isEmpty() ? value : Redactor.redactValue(key, value);
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) return "";
        return new TreeMap<>(mdc).entrySet().stream()
                .map(e -> e.getKey() + "=" + Redactor.redactValue(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}

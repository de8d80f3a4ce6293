package org.vaultmail.logging;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.event.KeyValuePair;

/** {@code %kvp}: SLF4J key-value pairs as {@code key="value"}, with secret-looking names redacted. */
public class RedactingKeyValuePairConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) return "";
        return pairs.stream()
                .map(p -> p.key + "=\"" + Redactor.redactValue(p.key, p.value) + "\"")
                .collect(Collectors.joining(" "));
    }
}

package org.vaultmail.webmail;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events a mail UI response asks the page to raise ({@code HX-Trigger}, ADR 0056): a toast to show, an undo to
 * offer. Written as JSON with every non-ASCII character escaped, because a header value must be ASCII (a German or
 * French toast would otherwise arrive garbled).
 */
final class HxTriggers {

    static final String TOAST = "vm-toast";
    static final String UNDO = "vm-undo";

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final Map<String, Object> events = new LinkedHashMap<>();

    HxTriggers toast(String message) {
        events.put(TOAST, Map.of("message", message));
        return this;
    }

    HxTriggers undo(String message, String href) {
        events.put(UNDO, Map.of("message", message, "href", href));
        return this;
    }

    void writeTo(HttpServletResponse response) {
        if (!events.isEmpty()) response.setHeader("HX-Trigger", JSON.writeValueAsString(events));
    }
}

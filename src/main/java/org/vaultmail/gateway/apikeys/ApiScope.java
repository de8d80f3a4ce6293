package org.vaultmail.gateway.apikeys;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do (issue 13 item 2). {@link #label} is the name in the API. */
public enum ApiScope {
    SEND("send"), OUTBOX_READ("outbox:read"), WEBHOOKS("webhooks");

    private final String label;

    ApiScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ApiScope> of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}

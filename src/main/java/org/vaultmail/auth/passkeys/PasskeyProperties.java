package org.vaultmail.auth.passkeys;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vaultmail.passkeys.*}: the relying party (ADR 0048). {@code rp-id} is the host name passkeys are bound to (a
 * passkey made for one id never works for another); {@code origins} are the exact origins the browser may report.
 * Placeholders in {@code origins} are resolved at the first ceremony, so the default follows the port the server
 * really listens on ({@code local.server.port}) for localhost and the demo.
 */
@ConfigurationProperties("vaultmail.passkeys")
record PasskeyProperties(@DefaultValue("localhost") String rpId, @DefaultValue("Vaultmail") String rpName,
                         @DefaultValue("http://localhost:${local.server.port:8080}") List<String> origins) {
}

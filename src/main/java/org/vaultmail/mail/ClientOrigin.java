package org.vaultmail.mail;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * Where the person behind an IMAP login really is: the client's address and port, and the address of Vaultmail
 * they reached. Sent to the mail server with RFC 2971 {@code ID} before the login, as Dovecot's
 * {@code login_trusted_networks} expects, so that the server's per-address penalties (auth penalty, fail2ban)
 * hit the guesser, not every user of Vaultmail (ADR 0030). Bound for the duration of a web request
 * ({@link #CURRENT}); connections opened outside one (push watches) send no {@code ID}.
 *
 * @param address    the client's IP literal, normalised
 * @param port       the client's TCP port, or 0 when unknown (behind a proxy)
 * @param connectedTo the address of Vaultmail the client connected to, or null
 */
public record ClientOrigin(String address, int port, @Nullable String connectedTo) {

    /** The origin of the request being served on this thread, if any. */
    public static final ScopedValue<ClientOrigin> CURRENT = ScopedValue.newInstance();

    /** The origin, or empty when {@code address} is not an IP literal (never a name: no DNS lookups). */
    public static Optional<ClientOrigin> of(@Nullable String address, int port, @Nullable String connectedTo) {
        String ip = literal(address);
        if (ip == null) return Optional.empty();
        return Optional.of(new ClientOrigin(ip, port > 0 && port <= 65535 ? port : 0, literal(connectedTo)));
    }

    /** The origin of the current request, if one is bound. */
    public static Optional<ClientOrigin> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /** Runs {@code work} with this origin as {@link #CURRENT}. */
    public <T> T during(Callable<T> work) throws Exception {
        return ScopedValue.where(CURRENT, this).call(work::call);
    }

    /** The RFC 2971 {@code ID} fields Dovecot reads from trusted networks ({@code x-originating-*}, {@code x-connected-ip}). */
    public Map<String, String> idFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("x-originating-ip", address);
        if (port > 0) fields.put("x-originating-port", Integer.toString(port));
        if (connectedTo != null) fields.put("x-connected-ip", connectedTo);
        return fields;
    }

    private static @Nullable String literal(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return InetAddress.ofLiteral(value.strip()).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package org.vaultmail.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;

/**
 * The From identities of a user: the sign-in address plus the aliases the operator configured for it
 * ({@code vaultmail.compose.aliases}); the display name and signature of each are the user's own (table
 * {@code compose_identities}). A user can send only as one of these.
 */
@Repository
class Identities {

    private final JdbcClient jdbc;
    private final ComposeProperties properties;
    private final ApplicationEventPublisher events;

    Identities(JdbcClient jdbc, ComposeProperties properties, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
    }

    List<Identity> list(AuthenticatedSession me) {
        List<Identity> out = new ArrayList<>();
        for (String address : addresses(me)) out.add(stored(me.userId(), address));
        return out;
    }

    /** The identity for {@code from} (null or blank: the sign-in address), or a {@link ComposeException} on {@code from}. */
    Identity resolve(AuthenticatedSession me, @Nullable String from) {
        if (from == null || from.isBlank()) return stored(me.userId(), me.address());
        String address = Recipients.one("from", from).getAddress().toLowerCase(Locale.ROOT);
        if (!addresses(me).contains(address)) throw new ComposeException("from", UserText.of("problem.compose.cannotSendAs", address));
        return stored(me.userId(), address);
    }

    /** Sets the display name and signature of one of the user's identities. */
    Identity update(AuthenticatedSession me, String address, @Nullable String name, @Nullable String signature) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (!addresses(me).contains(a)) throw new ComposeException("address", UserText.of("problem.compose.noIdentity", a));
        HeaderText.check("name", name);
        Recipients.address("address", a, name); // the name must make a valid header
        if (name != null && name.length() > 200) throw new ComposeException("name", UserText.of(Prepared.TOO_LONG, "name", "200"));
        if (signature != null && signature.length() > 4000) throw new ComposeException("signature", UserText.of(Prepared.TOO_LONG, "signature", "4000"));
        Identity before = stored(me.userId(), a);
        int updated = jdbc.sql("UPDATE compose_identities SET display_name = ?, signature = ? WHERE user_id = ? AND address = ?")
                .params(blankToNull(name), blankToNull(signature), me.userId(), a).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO compose_identities (user_id, address, display_name, signature) VALUES (?, ?, ?, ?)")
                    .params(me.userId(), a, blankToNull(name), blankToNull(signature)).update();
        }
        Identity after = stored(me.userId(), a);
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) changed.add("display_name");
        if (!Objects.equals(before.signature(), after.signature())) changed.add("signature");
        if (!changed.isEmpty()) events.publishEvent(new IdentityChanged(me.userId(), me.address(), me.sessionId(), a, changed));
        return after;
    }

    private List<String> addresses(AuthenticatedSession me) {
        return addresses(me.address());
    }

    /** The sign-in address and its aliases, lower case: the user's own addresses. */
    List<String> addresses(String signInAddress) {
        List<String> out = new ArrayList<>();
        out.add(signInAddress.toLowerCase(Locale.ROOT));
        for (ComposeProperties.Alias alias : properties.aliases()) {
            if (alias.user().equalsIgnoreCase(signInAddress)) out.add(alias.address().strip().toLowerCase(Locale.ROOT));
        }
        return out.stream().distinct().toList();
    }

    private Identity stored(long userId, String address) {
        Optional<Identity> row = jdbc.sql("SELECT address, display_name, signature FROM compose_identities WHERE user_id = ? AND address = ?")
                .params(userId, address)
                .query((rs, n) -> new Identity(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
        return row.orElse(new Identity(address, null, null));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

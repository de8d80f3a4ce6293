package org.vaultmail.auth.passkeys;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;

/**
 * The operator's per-domain choice about sign-in with a passkey alone (ADR 0051), in {@code passkey_signin_policy}: a
 * row allows or forbids it for one mail domain; without a row the domain has the {@link #DEFAULT_ALLOWED default}.
 * Forbidding refuses enabling and using it at once on every node (read at each use); sealed passwords stay (they open
 * nothing without the authenticator) so allowing it again needs no user to re-enable. Changes are published
 * ({@link PasskeyPolicyChanged}) for the audit log.
 */
@NamedInterface("passkeys")
public final class PasskeySignInPolicy {

    /** Passkey sign-in is opt-in per passkey, in sudo mode, with user verification: allowed unless the operator says no. */
    public static final boolean DEFAULT_ALLOWED = true;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,253}[a-z0-9])?");

    /** One domain's stored choice. */
    public record Rule(String domain, boolean allowed, String changedBy, Instant changedAt) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasskeySignInPolicy(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Whether a user of {@code address} may enable or use passkey-only sign-in. */
    public boolean allows(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return rule(domain).map(Rule::allowed).orElse(DEFAULT_ALLOWED);
    }

    /** The stored choices, by domain. */
    public List<Rule> rules() {
        return jdbc.sql("SELECT domain, allowed, changed_by, changed_at FROM passkey_signin_policy ORDER BY domain")
                .query((rs, n) -> new Rule(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant())).list();
    }

    /**
     * Stores {@code allowed} for {@code domain} ({@code null}: back to the default); {@code operator} names who (for the
     * audit log). Throws {@link IllegalArgumentException} for something that is not a domain name.
     */
    public void set(String rawDomain, @Nullable Boolean allowed, String operator, @Nullable String clientAddress) {
        String domain = normalize(rawDomain);
        if (allowed == null) {
            jdbc.sql("DELETE FROM passkey_signin_policy WHERE domain = ?").param(domain).update();
        } else {
            var now = clock.instant().atOffset(ZoneOffset.UTC);
            if (jdbc.sql("UPDATE passkey_signin_policy SET allowed = ?, changed_by = ?, changed_at = ? WHERE domain = ?")
                    .params(allowed, operator, now, domain).update() == 0) {
                jdbc.sql("INSERT INTO passkey_signin_policy (domain, allowed, changed_by, changed_at) VALUES (?, ?, ?, ?)")
                        .params(domain, allowed, operator, now).update();
            }
        }
        events.publishEvent(new PasskeyPolicyChanged(domain, allowed, operator, clientAddress));
    }

    /** A domain name in lower case, or {@link IllegalArgumentException}. */
    public static String normalize(String rawDomain) {
        String domain = rawDomain.strip().toLowerCase(Locale.ROOT);
        if (domain.startsWith("@")) domain = domain.substring(1);
        if (!DOMAIN.matcher(domain).matches() || domain.contains("..")) {
            throw new IllegalArgumentException("not a mail domain: give it like example.com");
        }
        return domain;
    }

    private Optional<Rule> rule(String domain) {
        return jdbc.sql("SELECT domain, allowed, changed_by, changed_at FROM passkey_signin_policy WHERE domain = ?").param(domain)
                .query((rs, n) -> new Rule(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant())).optional();
    }
}

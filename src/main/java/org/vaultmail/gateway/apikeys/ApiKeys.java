package org.vaultmail.gateway.apikeys;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.mfa.FreshAuthentication;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayPolicy;

/**
 * Creating, listing and revoking a user's API keys (issue 13 item 2). Creation needs a second factor on the account
 * (policy {@code apiKeysRequireSecondFactor}) and a fresh session ({@link FreshAuthentication}), checked in that order
 * so that a user without a second factor is told so before being asked to prove anything. An omitted expiry is the
 * policy's longest ({@code apiKeyMaxLifetime}). Each change is one transaction that also publishes its event.
 */
final class ApiKeys {

    static final int MAX_NAME = 100;

    /** What the user asked for; {@code mailboxes} null means all of theirs. */
    record Request(@Nullable String name, @Nullable List<String> scopes, @Nullable List<Long> mailboxes,
                   @Nullable Instant expiresAt) {
    }

    /** A key just made: the only object that holds it, printing without it. */
    record Created(long id, ApiKeySecret key, String prefix, String name, Set<ApiScope> scopes, Instant expiresAt) {
    }

    /** A key of the list, with its mailboxes (null: all). */
    record Listed(ApiKeyStore.Listed key, @Nullable Set<Long> mailboxes) {
    }

    private final ApiKeyStore store;
    private final FreshAuthentication fresh;
    private final GatewayPolicies policies;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    ApiKeys(ApiKeyStore store, FreshAuthentication fresh, GatewayPolicies policies, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.fresh = fresh;
        this.policies = policies;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whether this user may create keys as far as the second factor goes (for the page). */
    boolean secondFactorMissing(AuthenticatedSession me) {
        return policies.current().apiKeysRequireSecondFactor() && !fresh.secondFactor(me);
    }

    Created create(AuthenticatedSession me, Request request, @Nullable String clientAddress) {
        if (secondFactorMissing(me)) throw new ApiKeyRefused(ApiKeyRefused.Kind.SECOND_FACTOR_REQUIRED, ApiKeyRefused.SECOND_FACTOR);
        fresh.require(me);
        return insert(me.userId(), request, (id, details, now) -> GatewayEvent.byUser("gateway.apikey.created", me.address(),
                me.userId(), "apikey:" + id, "success", details, clientAddress, "apikey.created", now));
    }

    /**
     * For a trusted in-process caller only ({@link TrustedApiKeyIssuer}): the same key, validation, row and event as
     * {@link #create}, without its second-factor and freshness checks, which are rules for a person at a browser or
     * client. The event names the system (not the user) as the actor.
     */
    Created createForTrustedCaller(long userId, Request request, String caller) {
        return insert(userId, request, (id, details, now) -> {
            details.put("via", caller);
            return GatewayEvent.bySystem("gateway.apikey.created", userId, "apikey:" + id, "success", details,
                    "apikey.created", now);
        });
    }

    private interface CreatedEvent {
        GatewayEvent of(long id, Map<String, Object> details, Instant now);
    }

    private Created insert(long userId, Request request, CreatedEvent event) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String name = validName(request.name());
        Set<ApiScope> scopes = validScopes(request.scopes());
        Instant expiresAt = validExpiry(request.expiresAt(), now, policies.current());
        ApiKeySecret key = ApiKeyFormat.generate();
        return tx.execute(status -> {
            Set<Long> mailboxes = validMailboxes(userId, request.mailboxes());
            long id = store.insert(new ApiKeyStore.NewKey(userId, name, key.prefix(), key.digest(), scopes, mailboxes, now, expiresAt));
            events.publishEvent(event.of(id, details(id, key.prefix(), name, scopes), now));
            return new Created(id, key, key.prefix(), name, scopes, expiresAt);
        });
    }

    List<Listed> list(AuthenticatedSession me) {
        return store.listOf(me.userId()).stream()
                .map(k -> new Listed(k, k.allMailboxes() ? null : store.mailboxesOf(k.id()))).toList();
    }

    /** Revokes the user's own key; another user's, an unknown or an already revoked one is NOT_FOUND. */
    void revoke(AuthenticatedSession me, long id, @Nullable String clientAddress) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean done = Boolean.TRUE.equals(tx.execute(status -> store.revoke(me.userId(), id, me.address(), now).map(k -> {
            events.publishEvent(GatewayEvent.byUser("gateway.apikey.revoked", me.address(), me.userId(), "apikey:" + id, "success",
                    details(id, k.prefix(), k.name(), k.scopes()), clientAddress, "apikey.revoked", now));
            return true;
        }).orElse(false)));
        if (!done) throw new ApiKeyRefused(ApiKeyRefused.Kind.NOT_FOUND, "problem.apikey.notFound", String.valueOf(id));
    }

    List<ApiKeyStore.Mailbox> mailboxesOf(AuthenticatedSession me) {
        return store.mailboxesOfUser(me.userId());
    }

    private static Map<String, Object> details(long id, String prefix, String name, Set<ApiScope> scopes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("prefix", prefix);
        d.put("name", name);
        d.put("scopes", ApiKeyStore.scopesText(scopes));
        return d;
    }

    static String validName(@Nullable String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.name", String.valueOf(MAX_NAME));
        }
        return n;
    }

    static Set<ApiScope> validScopes(@Nullable List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.noScope");
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String label : labels) {
            scopes.add(ApiScope.of(label == null ? "" : label).orElseThrow(() -> new ApiKeyRefused(ApiKeyRefused.Kind.INVALID,
                    "problem.apikey.unknownScope")));
        }
        return scopes;
    }

    static Instant validExpiry(@Nullable Instant requested, Instant now, GatewayPolicy policy) {
        Instant latest = now.plus(policy.apiKeyMaxLifetime());
        if (requested == null) return latest;
        if (!requested.isAfter(now)) throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.expiryPast");
        if (requested.isAfter(latest)) {
            throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.expiryTooLate",
                    String.valueOf(policy.apiKeyMaxLifetime().toDays()));
        }
        return requested.truncatedTo(ChronoUnit.MICROS);
    }

    private @Nullable Set<Long> validMailboxes(long userId, @Nullable List<Long> ids) {
        if (ids == null) return null;
        Set<Long> wanted = new HashSet<>(ids);
        if (wanted.isEmpty() || wanted.contains(null)) {
            throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.noMailbox");
        }
        if (!store.ownMailboxes(userId, wanted).equals(wanted)) {
            throw new ApiKeyRefused(ApiKeyRefused.Kind.INVALID, "problem.apikey.foreignMailbox");
        }
        return wanted;
    }
}

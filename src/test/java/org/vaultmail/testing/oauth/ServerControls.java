package org.vaultmail.testing.oauth;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The knobs tests turn on one running server (TTL, one-shot scope restrictions, injected token endpoint failures)
 * and its token request counters. Thread-safe: the server's request threads read what test threads write.
 */
final class ServerControls {

    static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(5);

    private final AtomicReference<Duration> accessTokenTtl = new AtomicReference<>(DEFAULT_ACCESS_TOKEN_TTL);
    private final Map<String, Set<String>> grantOnly = new ConcurrentHashMap<>();
    private final Set<String> denyNext = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;

    Duration accessTokenTtl() {
        return accessTokenTtl.get();
    }

    /** Sets the TTL of access tokens issued from now on; returns the previous one. */
    Duration accessTokenTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("the TTL must be positive");
        return accessTokenTtl.getAndSet(ttl);
    }

    void grantOnly(String username, Set<String> scopes) {
        grantOnly.put(username.toLowerCase(Locale.ROOT), Set.copyOf(scopes));
    }

    /** The one-shot scope restriction of {@code username}, consumed. */
    @Nullable Set<String> takeGrantOnly(String username) {
        return grantOnly.remove(username.toLowerCase(Locale.ROOT));
    }

    void denyNext(String username) {
        denyNext.add(username.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code username} clicks "Cancel" on their next authorization (one-shot, consumed). */
    boolean takeDeny(String username) {
        return denyNext.remove(username.toLowerCase(Locale.ROOT));
    }

    /** What the next ID token of a user says about when they signed in. */
    enum AuthTime {
        /** The login's real time. */
        REAL,
        /** An hour ago: a provider that ignored {@code prompt=login}/{@code max_age} and kept an old sign-in. */
        STALE,
        /** No {@code auth_time} at all. */
        MISSING
    }

    private final Map<String, AuthTime> authTimes = new ConcurrentHashMap<>();

    void nextAuthTime(String username, AuthTime authTime) {
        authTimes.put(username.toLowerCase(Locale.ROOT), authTime);
    }

    /** The one-shot {@link AuthTime} of {@code username}'s next ID token, consumed ({@code REAL} when none was set). */
    AuthTime takeAuthTime(String username) {
        AuthTime set = authTimes.remove(username.toLowerCase(Locale.ROOT));
        return set == null ? AuthTime.REAL : set;
    }

    /** What the next ID token of a user says about its {@code email} (how the provider vouches for it). */
    enum EmailVerified {
        /** As a well-configured provider: {@code email_verified=true}; Microsoft's client {@code xms_edov=true}. */
        REAL,
        /** Neither claim: a provider that does not vouch for the address (Microsoft without the optional claim). */
        MISSING
    }

    private final Map<String, EmailVerified> emailVerified = new ConcurrentHashMap<>();
    private final Map<String, String> subjects = new ConcurrentHashMap<>();

    void nextEmailVerified(String username, EmailVerified mode) {
        emailVerified.put(username.toLowerCase(Locale.ROOT), mode);
    }

    /** The one-shot {@link EmailVerified} of {@code username}'s next ID token, consumed ({@code REAL} when none was set). */
    EmailVerified takeEmailVerified(String username) {
        EmailVerified set = emailVerified.remove(username.toLowerCase(Locale.ROOT));
        return set == null ? EmailVerified.REAL : set;
    }

    /** The next ID token of {@code username} carries {@code sub} = {@code subject}: another account, the same email. */
    void nextSubject(String username, String subject) {
        if (subject.isBlank()) throw new IllegalArgumentException("the subject must not be blank");
        subjects.put(username.toLowerCase(Locale.ROOT), subject);
    }

    /** The one-shot subject of {@code username}'s next ID token, consumed; null: the login's own name. */
    @Nullable String takeSubject(String username) {
        return subjects.remove(username.toLowerCase(Locale.ROOT));
    }

    private final Map<String, Map<String, String>> lastIssued = new ConcurrentHashMap<>();

    /** Remembers the latest token of each type issued for {@code username} (canary tests look for them). */
    void issued(String username, String tokenType, String value) {
        lastIssued.computeIfAbsent(username.toLowerCase(Locale.ROOT), k -> new ConcurrentHashMap<>()).put(tokenType, value);
    }

    /** The latest tokens of {@code username} by type ({@code access_token}, {@code refresh_token}, {@code id_token}). */
    Map<String, String> lastIssued(String username) {
        return Map.copyOf(lastIssued.getOrDefault(username.toLowerCase(Locale.ROOT), Map.of()));
    }

    void failTokenEndpoint(int times, int status) {
        if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx or 5xx");
        failureStatus = status;
        failuresLeft.set(times);
    }

    /** The status to fail this token request with, or 0 to serve it. */
    int takeFailure() {
        return failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus : 0;
    }

    void countTokenRequest(String clientId, String grantType) {
        tokenRequests.computeIfAbsent(clientId + " " + grantType, k -> new AtomicInteger()).incrementAndGet();
        tokenRequests.computeIfAbsent(clientId + " *", k -> new AtomicInteger()).incrementAndGet();
    }

    /** Token requests of {@code clientId} (all grant types when {@code grantType} is null), failed ones included. */
    int tokenRequests(String clientId, @Nullable String grantType) {
        AtomicInteger n = tokenRequests.get(clientId + " " + (grantType == null ? "*" : grantType));
        return n == null ? 0 : n.get();
    }
}

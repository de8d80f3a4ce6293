package org.vaultmail.migrate.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailServers;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.vault.Secret;

/**
 * One side of a pass: the server (a configured domain's, or a migration source's as a {@link MailServers} whose
 * {@code smtp} is unused), the login, and either its password (unsealed for the run only) or, for an OAuth source
 * (ADR 0046), the grant's {@link AccessTokenSource}: every (re)connect asks it for a fresh token. Not a record: it
 * holds a secret.
 */
public final class ImapAccount implements AutoCloseable {

    private static final Duration FOREVER = Duration.ofDays(36_500);

    private final MailServers servers;
    private final String username;
    private final @Nullable Secret password;
    private final @Nullable AccessTokenSource tokens;
    private final Duration connectionMaxAge;

    public ImapAccount(MailServers servers, String username, Secret password) {
        this(servers, username, Objects.requireNonNull(password), null, FOREVER);
    }

    private ImapAccount(MailServers servers, String username, @Nullable Secret password, @Nullable AccessTokenSource tokens,
                        Duration connectionMaxAge) {
        this.servers = Objects.requireNonNull(servers);
        this.username = Objects.requireNonNull(username);
        this.password = password;
        this.tokens = tokens;
        this.connectionMaxAge = connectionMaxAge;
    }

    /**
     * An OAuth account: SASL XOAUTH2 with a token from {@code tokens} at every connect. A worker's connections are
     * reopened (at a unit boundary) once older than {@code connectionMaxAge}: a store logs new pooled connections in
     * with the token it began with, so the age must stay below the least lifetime a handed-out token has left (a
     * minute, by {@link AccessTokenSource}'s contract).
     */
    public static ImapAccount withTokens(MailServers servers, String username, AccessTokenSource tokens,
                                         Duration connectionMaxAge) {
        if (connectionMaxAge.isNegative() || connectionMaxAge.isZero()) throw new IllegalArgumentException("connectionMaxAge");
        return new ImapAccount(servers, username, null, Objects.requireNonNull(tokens), connectionMaxAge);
    }

    /** How long a connection of this account may be used for new work; unlimited for a password account. */
    public Duration connectionMaxAge() {
        return connectionMaxAge;
    }

    static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public MailServers servers() {
        return servers;
    }

    /** {@code host:port}: the key of the per-host connection cap and rate limit. */
    public String hostKey() {
        return servers.imap().host() + ":" + servers.imap().port();
    }

    public String username() {
        return username;
    }

    /** The password; an OAuth account has none ({@link IllegalStateException}). */
    public Secret password() {
        if (password == null) throw new IllegalStateException("an OAuth account logs in with tokens, not a password");
        return password;
    }

    /** The grant's tokens, for an OAuth account. */
    public Optional<AccessTokenSource> tokens() {
        return Optional.ofNullable(tokens);
    }

    public boolean usesTokens() {
        return tokens != null;
    }

    @Override
    public void close() {
        if (password != null) password.close();
    }

    @Override
    public String toString() {
        return "ImapAccount[" + username + " at " + servers.imap() + (tokens != null ? ", oauth" : ", password=[PROTECTED]") + "]";
    }
}

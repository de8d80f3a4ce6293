package org.vaultmail.migrate.engine;

import java.util.Objects;

import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/**
 * One side of a pass: the server (a configured domain's, or a migration source's as a {@link MailServers} whose
 * {@code smtp} is unused), the login and its password, unsealed for the run only. Not a record: it holds a secret.
 */
public final class ImapAccount implements AutoCloseable {

    private final MailServers servers;
    private final String username;
    private final Secret password;

    public ImapAccount(MailServers servers, String username, Secret password) {
        this.servers = Objects.requireNonNull(servers);
        this.username = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(password);
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

    public Secret password() {
        return password;
    }

    @Override
    public void close() {
        password.close();
    }

    @Override
    public String toString() {
        return "ImapAccount[" + username + " at " + servers.imap() + ", password=[PROTECTED]]";
    }
}

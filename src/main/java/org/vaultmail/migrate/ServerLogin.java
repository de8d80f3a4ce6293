package org.vaultmail.migrate;

import java.util.Objects;

import org.vaultmail.vault.Secret;

/**
 * One side of a new job: a server name (an operator-configured mail domain or migration source), a login and its
 * password. Not a record (it holds a {@link Secret}); {@link #close} wipes the password. Write-once: nothing reads a
 * stored one back out.
 */
public final class ServerLogin implements AutoCloseable {

    private final String server;
    private final String login;
    private final Secret password;

    public ServerLogin(String server, String login, Secret password) {
        this.server = Objects.requireNonNull(server, "server");
        this.login = Objects.requireNonNull(login, "login");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String server() {
        return server;
    }

    public String login() {
        return login;
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
        return "ServerLogin[" + login + " at " + server + ", password=[PROTECTED]]";
    }
}

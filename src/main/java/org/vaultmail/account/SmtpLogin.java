package org.vaultmail.account;

import org.vaultmail.vault.Secret;

/**
 * The login for SMTP submission: a username and its password. Closing it wipes the password; it
 * prints the username only. Use as {@code try (SmtpLogin login = …) { … }}.
 */
public final class SmtpLogin implements AutoCloseable {

    private final String username;
    private final Secret password;

    /** Takes ownership of {@code password}: closing the login closes it. */
    public SmtpLogin(String username, Secret password) {
        this.username = username;
        this.password = password;
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
        return "SmtpLogin[" + username + ", password=[PROTECTED]]";
    }
}

package org.vaultmail.account;

import org.vaultmail.vault.Secret;

/**
 * The login for SMTP submission: a username and its password, or (an OAuth domain's session, issue 15) an access token
 * for SASL XOAUTH2. Closing it wipes the secret; it prints the username only. Use as
 * {@code try (SmtpLogin login = …) { … }}.
 */
public final class SmtpLogin implements AutoCloseable {

    private final String username;
    private final Secret password;
    private final boolean xoauth2;

    /** Takes ownership of {@code password}: closing the login closes it. */
    public SmtpLogin(String username, Secret password) {
        this(username, password, false);
    }

    private SmtpLogin(String username, Secret password, boolean xoauth2) {
        this.username = username;
        this.password = password;
        this.xoauth2 = xoauth2;
    }

    /** A login with an OAuth access token (SASL XOAUTH2); takes ownership of {@code accessToken}. */
    public static SmtpLogin xoauth2(String username, Secret accessToken) {
        return new SmtpLogin(username, accessToken, true);
    }

    /** Whether {@link #password} is an access token for SASL XOAUTH2. */
    public boolean xoauth2() {
        return xoauth2;
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
        return "SmtpLogin[" + username + (xoauth2 ? ", token=[PROTECTED]]" : ", password=[PROTECTED]]");
    }
}

package org.vaultmail.mail.internal;

import java.time.Duration;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailDomainsProperties.Security;

/**
 * The Angus Mail session properties every connection to an operator's server shares: timeouts,
 * implicit TLS or <em>required</em> STARTTLS, host-name checking, and the domain's trust store.
 * One place, so IMAP sign-in, SMTP checks and the mail store cannot drift apart on security.
 */
public final class MailSessionProperties {

    private MailSessionProperties() {
    }

    /** {@code mail.imap.}, {@code mail.imaps.}, {@code mail.smtp.} or {@code mail.smtps.} */
    public static String prefix(String protocol, Security security) {
        return "mail." + protocol + (security == Security.TLS ? "s" : "") + ".";
    }

    /**
     * @param protocol {@code imap} or {@code smtp}
     * @param trust    trusts the operator's certificates; null for the JDK's trust store (and for plain)
     */
    public static Properties of(String protocol, Security security, Duration connectTimeout, Duration readTimeout,
                                @Nullable SSLSocketFactory trust) {
        String p = prefix(protocol, security);
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(readTimeout.toMillis()));
        switch (security) {
            case TLS -> {
                props.setProperty(p + "ssl.enable", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true"); // never fall back to a plaintext login
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            case PLAIN -> { } // loopback only, checked by MailServerDirectory
        }
        if (security != Security.PLAIN && trust != null) {
            props.put(p + "ssl.socketFactory", trust);
        }
        return props;
    }
}

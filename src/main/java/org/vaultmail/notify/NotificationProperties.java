package org.vaultmail.notify;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.vaultmail.account.MailDomainsProperties.Security;

/**
 * {@code vaultmail.notifications.*}: the system sender for mail to users. Unset {@code smtp.host}: no mail is
 * sent and the console says so. The password comes from {@code smtp.password} (best from
 * {@code VAULTMAIL_NOTIFICATIONS_SMTP_PASSWORD_FILE}) or {@code smtp.password-file}; it is never printed.
 *
 * @param from            the From address (and the envelope sender), e.g. {@code no-reply@example.org}
 * @param fromName        its display name
 * @param messageIdDomain the right-hand side of Message-IDs; default: the domain of {@code from}
 * @param siteName        how the mail names this service and its operator console
 * @param signInUrl       where users sign in (said in the mail); optional
 * @param maxAttempts     delivery attempts before giving up (audited as {@code notification.failed})
 * @param retryInitial    the wait after the first failed attempt; it doubles up to {@code retryMax}
 * @param pollInterval    how often each node looks for notifications due for another attempt
 */
@ConfigurationProperties("vaultmail.notifications")
record NotificationProperties(@Nullable Smtp smtp, @Nullable String from, @Nullable String fromName,
                              @Nullable String messageIdDomain, @Nullable String siteName, @Nullable String signInUrl,
                              @Nullable Integer maxAttempts, @Nullable Duration retryInitial, @Nullable Duration retryMax,
                              @Nullable Duration pollInterval) {

    NotificationProperties {
        fromName = fromName == null ? "Vaultmail" : fromName;
        siteName = siteName == null ? "Vaultmail" : siteName;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        retryInitial = retryInitial == null ? Duration.ofMinutes(1) : retryInitial;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
    }

    /**
     * The notification SMTP server: {@code tls} (implicit), {@code starttls} (required) or {@code plain}
     * (loopback only); login optional; the operator's trust store optional (PKCS#12, JKS or PEM).
     */
    record Smtp(@Nullable String host, @Nullable Integer port, @Nullable Security security, @Nullable String username,
                @Nullable String password, @Nullable Path passwordFile, @Nullable Path trustStore,
                @Nullable String trustStorePassword, @Nullable Duration connectTimeout, @Nullable Duration readTimeout) {

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", " + security + ", username=" + username + ", password=[PROTECTED]"
                    + ", trustStore=" + trustStore + "]";
        }
    }
}

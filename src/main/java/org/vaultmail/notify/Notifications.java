package org.vaultmail.notify;

/** What the console may ask the notification feature. */
public interface Notifications {

    /** Whether mail to users is configured ({@code vaultmail.notifications.smtp.host}); if not, nobody is told. */
    boolean configured();
}

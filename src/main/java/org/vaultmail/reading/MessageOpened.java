package org.vaultmail.reading;

import java.util.List;

import org.vaultmail.mail.EmailAddress;

/**
 * A user opened a message (reading pane, API, or starting a reply): its From, To and Cc, so that the people
 * the user corresponds with can be suggested when writing. Published synchronously by {@link Mailbox#read};
 * listeners must hand the work off, never slow the reading pane.
 */
public record MessageOpened(long userId, String userAddress, List<EmailAddress> addresses) {

    public MessageOpened {
        addresses = List.copyOf(addresses);
    }
}

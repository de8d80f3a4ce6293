package org.vaultmail.mail.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The capabilities the store asks about, read once after login: they do not change after login, and asking
 * Angus's store while a folder is open would make it log in a second connection for the store.
 */
final class Capabilities {

    private static final List<String> USED = List.of("SORT", "CONDSTORE", "SPECIAL-USE", "PREVIEW", "THREAD=REFERENCES",
            "LIST-STATUS", "LIST-EXTENDED", "MOVE", "UIDPLUS");

    private final Set<String> present = new HashSet<>();

    Capabilities(IMAPStore store) {
        for (String capability : USED) {
            try {
                if (store.hasCapability(capability)) present.add(capability);
            } catch (MessagingException e) {
                // the connection is broken: the first command will say so
            }
        }
    }

    boolean has(String capability) {
        return present.contains(capability);
    }
}

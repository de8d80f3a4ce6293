package org.vaultmail.mail.internal;

import java.io.IOException;
import java.util.Locale;

import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.StoreClosedException;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/** Turns what Angus throws into a {@link MailStoreException}: the connection gone, no such folder, or refused. */
final class Failures {

    private Failures() {
    }

    static MailStoreException of(String what, Exception e) {
        if (e instanceof MailStoreException m) return m;
        Reason reason = e instanceof FolderClosedException || e instanceof StoreClosedException
                || e instanceof IOException ? Reason.UNAVAILABLE
                : e instanceof FolderNotFoundException ? Reason.NOT_FOUND : Reason.REFUSED;
        return new MailStoreException(reason, what + " (" + e.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")", e);
    }

    static MailStoreException noMessage(long uid, org.vaultmail.mail.FolderPath path) {
        return new MailStoreException(Reason.NOT_FOUND, "No message " + uid + " in " + path.asString());
    }
}

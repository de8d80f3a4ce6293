package org.vaultmail.migrate.engine;

import java.io.IOException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import org.eclipse.angus.mail.iap.ConnectionException;

/** Sorts what went wrong: a refused login, a dropped connection (reconnect and resume), or anything else. */
final class Failures {

    private Failures() {
    }

    static boolean authentication(Throwable e) {
        for (Throwable t : chain(e)) if (t instanceof AuthenticationFailedException) return true;
        return false;
    }

    /** The connection is gone: closed by the server or the network (FolderClosed, StoreClosed, an I/O cause, a BYE). */
    static boolean dropped(Throwable e) {
        for (Throwable t : chain(e)) {
            if (t instanceof FolderClosedException || t instanceof StoreClosedException
                    || t instanceof IOException || t instanceof ConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its causes, following MessagingException's next exception too; cycles cut at 20. */
    private static java.util.List<Throwable> chain(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        Throwable t = e;
        while (t != null && all.size() < 20 && !all.contains(t)) {
            all.add(t);
            Throwable next = t.getCause();
            if (next == null && t instanceof MessagingException m) next = m.getNextException();
            t = next;
        }
        return all;
    }
}

package org.vaultmail.migrate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.Requirements;

/**
 * Plain IMAP stores on the shared Dovecots for the fixture's and the verifier's tests: the main server (127.0.0.1:1143,
 * no prefix, {@code /}) and the second one (127.0.0.1:2143, prefix {@code INBOX.}, {@code .}); passwords of the test
 * accounts are {@code <localpart>-pass}.
 */
final class FixtureServers {

    static final String SOURCE = "mig-fix-src@example.test";
    static final String DESTINATION = "mig-fix-dst@example.test";
    static final int MAIN_PORT = 1143;
    static final int SECOND_PORT = 2143;

    private FixtureServers() {
    }

    static IMAPStore main(String address) throws MessagingException {
        DovecotFixture.get();
        return connect(MAIN_PORT, address);
    }

    static IMAPStore second(String address) throws MessagingException {
        DovecotFixture.get();
        Requirements.require(listening(SECOND_PORT), "the second Dovecot on 127.0.0.1:" + SECOND_PORT
                + " (../shared/mailserver/second-server-up.sh)");
        return connect(SECOND_PORT, address);
    }

    /**
     * Connects, trying again for a few seconds when the login is refused: a test JVM elsewhere that reloads the shared
     * server with an older users list removes the migration accounts until the next one puts them back.
     */
    static IMAPStore connect(int port, String address) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                return login(port, address);
            } catch (jakarta.mail.AuthenticationFailedException e) {
                if (attempt == 5) throw e;
                try {
                    Thread.sleep(2000); // back-off before logging in again (the server refused a login under load)
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static IMAPStore login(int port, String address) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "60000");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(DovecotFixture.HOST, port, address, address.substring(0, address.indexOf('@')) + "-pass");
        return store;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DovecotFixture.HOST, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package org.vaultmail.mail.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.FetchItem;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.ClientOrigin;

/**
 * Angus's IMAP protocol taught the RFC 8970 {@code PREVIEW} FETCH item (Angus rejects a FETCH item it
 * does not know), and the two stores that use it; they send the client's address before logging in
 * ({@link ClientIds}).
 */
final class PreviewProtocol extends IMAPProtocol {

    static final String ITEM = "PREVIEW";

    private static final FetchItem[] ITEMS = {new FetchItem(ITEM, new ProfileItem()) {
        @Override
        public Object parseItem(FetchResponse r) {
            ByteArray text = r.readByteArray(); // nstring (quoted, literal or NIL), always UTF-8 (RFC 8970)
            return text == null ? "" : new String(text.getBytes(), text.getStart(), text.getCount(), StandardCharsets.UTF_8);
        }
    }};

    PreviewProtocol(String name, String host, int port, Properties props, boolean isSSL, MailLogger logger)
            throws IOException, ProtocolException {
        super(name, host, port, props, isSSL, logger);
    }

    @Override
    public FetchItem[] getFetchItems() {
        return ITEMS;
    }

    private static final class ProfileItem extends FetchProfile.Item {
        ProfileItem() {
            super(ITEM);
        }
    }

    /** {@code imap}: plain or STARTTLS. */
    public static final class Store extends IMAPStore {
        private final @Nullable ClientOrigin origin;

        public Store(Session session, URLName url) {
            this(session, url, null);
        }

        Store(Session session, @Nullable URLName url, @Nullable ClientOrigin origin) {
            super(session, url, "imap", false);
            this.origin = origin;
        }

        @Override
        protected void preLogin(IMAPProtocol p) throws ProtocolException {
            ClientIds.send(p, origin);
        }

        @Override
        protected IMAPProtocol newIMAPProtocol(String host, int port) throws IOException, ProtocolException {
            return new PreviewProtocol(name, host, port, session.getProperties(), isSSL, logger);
        }
    }

    /** {@code imaps}: TLS from the start. */
    public static final class SslStore extends IMAPStore {
        private final @Nullable ClientOrigin origin;

        public SslStore(Session session, URLName url) {
            this(session, url, null);
        }

        SslStore(Session session, @Nullable URLName url, @Nullable ClientOrigin origin) {
            super(session, url, "imaps", true);
            this.origin = origin;
        }

        @Override
        protected void preLogin(IMAPProtocol p) throws ProtocolException {
            ClientIds.send(p, origin);
        }

        @Override
        protected IMAPProtocol newIMAPProtocol(String host, int port) throws IOException, ProtocolException {
            return new PreviewProtocol(name, host, port, session.getProperties(), isSSL, logger);
        }
    }
}

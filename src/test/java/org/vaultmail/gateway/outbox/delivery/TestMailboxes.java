package org.vaultmail.gateway.outbox.delivery;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.mailboxes.MailboxAuthenticationException;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.gateway.mailboxes.MailboxUnavailableException;
import org.vaultmail.gateway.mailboxes.SendApi;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.vault.Secret;

/**
 * The outbox's view of connected mailboxes for its tests (the real one is built by the mailboxes feature): mailbox 1
 * of user 1 ({@code test.mailboxes.address}) logs in to a loopback SMTP server and optionally GreenMail's IMAP with
 * a known login, given as properties so that a child JVM gets the same. Tests change its state and password.
 */
public class TestMailboxes implements ConnectedMailboxes {

    public static final long MAILBOX = 1;
    /** On {@code limited.test}: tests give that domain a small send limit. */
    public static final long LIMITED = 2;
    /** On {@code selfsent.test}: tests configure that domain's server to file Sent itself. */
    public static final long SELF_SENT = 3;
    /** An OAuth mailbox of kind google: sends through the send API at {@code test.mailboxes.api-base}. */
    public static final long GMAIL = 4;
    /** An OAuth mailbox of kind microsoft, same API base. */
    public static final long GRAPH = 5;
    public static final long USER = 1;
    private static final Map<Long, String> ADDRESSES = Map.of(LIMITED, "bob@limited.test", SELF_SENT, "carol@selfsent.test",
            GMAIL, "sender-g@gmail.test", GRAPH, "sender-m@outlook.test");
    /** The OAuth mailboxes' tokens (one source per mailbox, as a grant has). */
    public final Map<Long, TestTokens> tokens = Map.of(GMAIL, new TestTokens("g"), GRAPH, new TestTokens("m"));
    private volatile java.net.URI apiBase = java.net.URI.create("http://127.0.0.1:9/");

    private final String address;
    private final int smtpPort;
    private final int imapPort;
    private final String user;
    private volatile String password;
    private final Map<Long, MailboxState> states = new ConcurrentHashMap<>();
    public final AtomicInteger authenticationFailures = new AtomicInteger();
    public final AtomicInteger smtpSessions = new AtomicInteger();
    public final AtomicInteger imapSessions = new AtomicInteger();
    /** One Session each, as production's MailSessions keeps them: Session.getInstance scans the class path (the benchmark). */
    private static final Session SMTP = Session.getInstance(smtpProperties());
    private static final Session IMAP = Session.getInstance(new Properties());

    private static Properties smtpProperties() {
        Properties p = new Properties();
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "120000");
        return p;
    }

    TestMailboxes(String address, int smtpPort, int imapPort, String user, String password) {
        this.address = address;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.user = user;
        this.password = password;
        for (long id : new long[] {MAILBOX, LIMITED, SELF_SENT, GMAIL, GRAPH}) states.put(id, MailboxState.CONNECTED);
    }

    public void password(String newPassword) {
        password = newPassword;
    }

    public void state(long mailboxId, MailboxState state) {
        states.put(mailboxId, state);
    }

    @Override
    public Optional<ConnectedMailbox> byId(long mailboxId) {
        MailboxState state = states.get(mailboxId);
        return state == null ? Optional.empty()
                : Optional.of(new ConnectedMailbox(mailboxId, USER,
                ADDRESSES.getOrDefault(mailboxId, address), kind(mailboxId), state));
    }

    @Override
    public Optional<ConnectedMailbox> byAddress(long userId, String address) {
        return userId == USER && this.address.equalsIgnoreCase(address) ? byId(MAILBOX) : Optional.empty();
    }

    @Override
    public <T> T withSmtp(long mailboxId, MailWork<SMTPTransport, T> work) throws MessagingException {
        smtpSessions.incrementAndGet();
        SMTPTransport t = (SMTPTransport) SMTP.getTransport("smtp");
        try {
            t.connect("127.0.0.1", smtpPort, user, password);
        } catch (AuthenticationFailedException e) {
            throw new MailboxAuthenticationException(mailboxId, "535");
        }
        try {
            return work.run(t);
        } finally {
            t.close();
        }
    }

    @Override
    public <T> T withImap(long mailboxId, MailWork<Store, T> work) throws MessagingException {
        imapSessions.incrementAndGet();
        if (imapPort <= 0) throw new MessagingException("no IMAP server in this test");
        Store store = IMAP.getStore("imap");
        store.connect("127.0.0.1", imapPort, user, password);
        try {
            return work.run(store);
        } finally {
            store.close();
        }
    }

    private static ConnectedMailbox.Kind kind(long mailboxId) {
        return mailboxId == GMAIL ? ConnectedMailbox.Kind.GOOGLE
                : mailboxId == GRAPH ? ConnectedMailbox.Kind.MICROSOFT : ConnectedMailbox.Kind.OWN;
    }

    public void apiBase(java.net.URI base) {
        apiBase = base;
    }

    @Override
    public SendApi sendApi(long mailboxId) throws MessagingException {
        MailboxState state = states.get(mailboxId);
        if (state == null || !tokens.containsKey(mailboxId)) throw new MailboxUnavailableException(mailboxId, "no OAuth mailbox");
        if (state == MailboxState.NEEDS_REAUTH) throw new MailboxAuthenticationException(mailboxId, "needs reauth");
        if (state == MailboxState.DISABLED) throw new MailboxUnavailableException(mailboxId, "disabled");
        return new SendApi(mailboxId, mailboxId == GMAIL ? ProviderKind.GOOGLE : ProviderKind.MICROSOFT, apiBase,
                tokens.get(mailboxId));
    }

    /**
     * A grant's token source as the oauth module's contract describes it: a token until it is rejected, then the next
     * one; {@code reauth} makes it throw as after {@code invalid_grant}.
     */
    public static final class TestTokens implements AccessTokenSource {
        private final String prefix;
        private final AtomicInteger generation = new AtomicInteger(1);
        public final AtomicInteger issued = new AtomicInteger();
        public final AtomicInteger rejected = new AtomicInteger();
        public volatile boolean reauth;

        TestTokens(String prefix) {
            this.prefix = prefix;
        }

        /** The token currently handed out: a canary value that must never appear in a log, history or event. */
        public String current() {
            return "CANARY-token-" + prefix + "-" + generation.get();
        }

        @Override
        public Secret accessToken() {
            if (reauth) throw new OAuthReauthRequiredException("test");
            issued.incrementAndGet();
            return Secret.ofUtf8(current());
        }

        @Override
        public void rejected(Secret token) {
            rejected.incrementAndGet();
            if (token.revealUtf8().equals(current())) generation.incrementAndGet();
        }
    }

    @Override
    public void authenticationFailed(long mailboxId) {
        authenticationFailures.incrementAndGet();
        states.put(mailboxId, MailboxState.NEEDS_REAUTH);
    }

    /**
     * {@code @Primary} over the real bean once the mailboxes feature has one. Deliberately not annotated
     * ({@code @TestConfiguration} is a {@code @Configuration}): {@code VaultmailNode} contexts component-scan
     * {@code org.vaultmail} on the test class path, so an annotated class would be added to every other test's nodes.
     * Passed as a source class, its {@code @Bean} method is processed all the same.
     */
    public static class Config {
        @Bean
        @Primary
        TestMailboxes testMailboxes(Environment env) {
            return new TestMailboxes(env.getProperty("test.mailboxes.address", "alice@example.org"),
                    env.getProperty("test.mailboxes.smtp-port", Integer.class, 25),
                    env.getProperty("test.mailboxes.imap-port", Integer.class, 0),
                    env.getProperty("test.mailboxes.user", "alice@example.org"),
                    env.getProperty("test.mailboxes.password", "secret"));
        }
    }
}

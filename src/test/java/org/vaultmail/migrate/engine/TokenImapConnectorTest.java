package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.vault.Secret;

/** Fresh tokens per connect, one refresh when refused, revoked consent as a refused login (ADR 0046). */
class TokenImapConnectorTest {

    private static final String CANARY = "ya29.CANARY-access-token-";
    private static final MailServers SERVERS = new MailServers("gmail", new MailServers.Endpoint("127.0.0.1", 1, Security.PLAIN),
            new MailServers.Endpoint("127.0.0.1", 1, Security.PLAIN), Optional.empty(), false);

    /** Hands out CANARY-1, CANARY-2, …; a rejected token makes the next call "refresh". */
    static final class Tokens implements AccessTokenSource {
        int issued;
        final List<String> rejected = new ArrayList<>();
        RuntimeException failWith;

        @Override
        public Secret accessToken() {
            if (failWith != null) throw failWith;
            return Secret.ofUtf8(CANARY + (++issued));
        }

        @Override
        public void rejected(Secret token) {
            rejected.add(token.revealUtf8());
        }
    }

    private final Tokens tokens = new Tokens();
    private final List<String> used = new ArrayList<>();
    private final IMAPStore store = store();

    private TokenImapConnector connector(int refusals) {
        int[] left = {refusals};
        return new TokenImapConnector(a -> { throw new AssertionError("a password login"); }, (servers, user, token) -> {
            used.add(token.revealUtf8());
            if (left[0]-- > 0) throw new AuthenticationFailedException("AUTHENTICATE failed");
            return store;
        });
    }

    private ImapAccount account() {
        return ImapAccount.withTokens(SERVERS, "alice@gmail.example", tokens, Duration.ofSeconds(45));
    }

    @Test
    void everyConnectAsksForAToken() throws Exception {
        TokenImapConnector c = connector(0);
        c.connect(account());
        c.connect(account());
        assertThat(used).containsExactly(CANARY + 1, CANARY + 2);
        assertThat(tokens.rejected).isEmpty();
    }

    @Test
    void aRefusedTokenIsReportedAndTheLoginTriedOnceWithTheNext() throws Exception {
        assertThat(connector(1).connect(account())).isSameAs(store);
        assertThat(tokens.rejected).containsExactly(CANARY + 1);
        assertThat(used).containsExactly(CANARY + 1, CANARY + 2);
    }

    @Test
    void refusedTwiceIsARefusedLoginWithoutTheToken() {
        assertThatThrownBy(() -> connector(2).connect(account()))
                .isInstanceOf(AuthenticationFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
        assertThat(used).hasSize(2);
    }

    @Test
    void aGrantTheProviderNoLongerHonoursIsARefusedLogin() {
        tokens.failWith = new OAuthReauthRequiredException("google");
        assertThatThrownBy(() -> connector(0).connect(account())).isInstanceOf(AuthenticationFailedException.class);
        assertThat(used).isEmpty();
    }

    @Test
    void anUnreachableTokenEndpointIsAnOrdinaryConnectFailure() {
        tokens.failWith = new OAuthUnavailableException("google: temporarily_unavailable");
        assertThatThrownBy(() -> connector(0).connect(account()))
                .isInstanceOf(MessagingException.class)
                .isNotInstanceOf(AuthenticationFailedException.class);
        assertThat(Failures.authentication(catchIt())).isFalse();
    }

    @Test
    void aPasswordAccountGoesToThePasswordConnector() throws Exception {
        IMAPStore[] got = new IMAPStore[1];
        TokenImapConnector c = new TokenImapConnector(a -> got[0] = store, (s, u, t) -> { throw new AssertionError(); });
        try (ImapAccount password = new ImapAccount(SERVERS, "bob", Secret.ofUtf8("pw"))) {
            assertThat(c.connect(password)).isSameAs(store);
        }
        assertThat(account().toString()).doesNotContain(CANARY).contains("oauth");
        assertThatThrownBy(() -> account().password()).isInstanceOf(IllegalStateException.class);
    }

    private Throwable catchIt() {
        try {
            connector(0).connect(account());
            return new AssertionError("no failure");
        } catch (MessagingException e) {
            return e;
        }
    }

    private static IMAPStore store() {
        try {
            return (IMAPStore) Session.getInstance(new Properties()).getStore("imap");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

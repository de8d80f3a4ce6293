package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.vault.Secret;

/** The cap on concurrent IMAP logins: a spray cannot hold more than N binds open; the next gets "busy". */
class BindGateTest {

    static final MailServers.Endpoint LOCAL = new MailServers.Endpoint("127.0.0.1", 1, Security.PLAIN);
    static final MailServers SERVERS = new MailServers("example.test", LOCAL, LOCAL, Optional.empty());

    @Test
    void bindBeyondTheCapWaitsBrieflyThenIsBusyWithoutReachingTheServer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        AtomicInteger calls = new AtomicInteger();
        MailAuthenticator slow = (servers, address, password) -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BindResult.WRONG_CREDENTIALS;
        };
        BindGate gate = new BindGate(slow, 2, Duration.ofMillis(200));
        ExecutorService threads = Executors.newCachedThreadPool();
        var first = CompletableFuture.supplyAsync(() -> bind(gate), threads);
        var second = CompletableFuture.supplyAsync(() -> bind(gate), threads);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> bind(gate)).isInstanceOfSatisfying(SignInException.class,
                e -> assertThat(e.outcome()).isEqualTo(SignInException.Outcome.BUSY));
        assertThat(calls).hasValue(2);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(BindResult.WRONG_CREDENTIALS);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(BindResult.WRONG_CREDENTIALS);
        assertThat(bind(gate)).isEqualTo(BindResult.WRONG_CREDENTIALS);
        assertThat(calls).hasValue(3);
        threads.shutdown();
    }

    private static BindResult bind(BindGate gate) {
        try (Secret pw = Secret.ofUtf8("pw")) {
            return gate.bind(SERVERS, "a@example.test", pw);
        }
    }
}

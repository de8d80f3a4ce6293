package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.Sort;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.vault.Secret;

/** The stores of one factory count their cache hits and misses together: one meter per cache and result, not per connection. */
class MailStoreCachesTest {

    static final String ADDRESS = "caches@example.test";
    static final FolderPath INBOX = FolderPath.inbox('.');
    static GreenMailFixture mail;

    @BeforeAll
    static void start() {
        mail = GreenMailFixture.start();
        mail.createUser(ADDRESS, "pw");
        mail.seed(ADDRESS, "INBOX", 6);
    }

    @AfterAll
    static void stop() {
        mail.close();
    }

    static MailStore open(AngusMailStoreFactory factory) {
        MailServers servers = new MailServers("example.test",
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
        try (Secret pw = Secret.ofUtf8("pw")) {
            return factory.open(servers, ADDRESS, pw);
        }
    }

    @Test
    void hitsAndMissesOfAllStoresAreCountedTogether() throws MessagingException {
        MailStoreCaches caches = new MailStoreCaches();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        caches.bindTo(registry);
        AngusMailStoreFactory factory = new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10), s -> Optional.empty(), caches);
        try (MailStore one = open(factory); MailStore two = open(factory)) {
            for (MailStore store : new MailStore[] {one, two}) {
                store.list(INBOX, 0, 3, Sort.SUBJECT, false); // sorted: a miss
                store.list(INBOX, 3, 3, Sort.SUBJECT, false); // the same order again: a hit
                long uid = store.list(INBOX, 0, 1, Sort.SUBJECT, false).messages().getFirst().uid().uid(); // a hit
                store.message(INBOX, uid);
                store.part(INBOX, uid, "1"); // the structure from message(): a hit
            }
        }
        assertThat(registry.find("vaultmail.mail.cache.gets").tags("cache", "orders", "result", "miss").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.find("vaultmail.mail.cache.gets").tags("cache", "orders", "result", "hit").functionCounter().count())
                .isEqualTo(4);
        assertThat(registry.find("vaultmail.mail.cache.gets").tags("cache", "structures", "result", "hit").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.find("vaultmail.mail.cache.gets").functionCounters()).as("one meter per cache and result").hasSize(6);
    }
}

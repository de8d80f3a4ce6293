package org.vaultmail.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.MigrationFixture.FolderEntry;
import org.vaultmail.migrate.MigrationFixture.Manifest;
import org.vaultmail.migrate.MigrationFixture.Naming;
import org.vaultmail.migrate.verify.MailboxVerifier;
import org.vaultmail.migrate.verify.VerifyOptions;
import org.vaultmail.migrate.verify.VerifyReport;
import org.vaultmail.testing.GreenMailFixture;

/**
 * The fixture mailbox is built as its manifest says (raw bytes, flags and keywords, INTERNALDATEs, subscriptions) on
 * GreenMail and on both shared Dovecots, verifies clean against itself, and two naive copies with Angus'
 * {@code appendMessages} show the verifier looking: one loses the subscriptions, the other every arrival date.
 */
class MigrationFixtureTest {

    private static final long SEED = 20261206;

    @Test
    void greenMailHoldsWhatTheManifestSays() throws MessagingException {
        try (GreenMailFixture greenMail = GreenMailFixture.start()) {
            greenMail.createUser("fixture@example.test", "fixture-pass");
            try (IMAPStore store = (IMAPStore) greenMail.imap("fixture@example.test", "fixture-pass")) {
                Manifest manifest = MigrationFixture.build(store, SEED, false);
                assertStoredExactly(store, manifest);
                VerifyReport self = new MailboxVerifier().verify(store, store, manifest.pairsTo(manifest.naming()));
                assertThat(self.clean()).as(self.summary()).isTrue();
                MigrationFixture.clear(store, manifest);
                assertThat(store.getDefaultFolder().list("*")).extracting(Folder::getFullName).containsOnly("INBOX");
            }
        }
    }

    @Test
    @Tag("dovecot")
    void mainDovecotHoldsWhatTheManifestSaysTwentyMegabyteMessagesIncluded() throws MessagingException {
        try (IMAPStore store = FixtureServers.main(FixtureServers.SOURCE)) {
            MigrationFixture.clearAll(store);
            Manifest manifest = MigrationFixture.build(store, SEED);
            try {
                assertThat(manifest.naming()).isEqualTo(new Naming("", '/'));
                assertThat(manifest.folder("Archive").messages()).filteredOn(i -> i.size() > 20_000_000).hasSize(2);
                assertStoredExactly(store, manifest);
                assertSubscriptions(store, manifest);
                VerifyReport self = new MailboxVerifier().verify(store, store, manifest.pairsTo(manifest.naming()));
                assertThat(self.clean()).as(self.summary()).isTrue();
                assertThat(self.sourceCount()).isEqualTo(manifest.messageCount());
            } finally {
                MigrationFixture.clear(store, manifest);
            }
        }
    }

    @Test
    @Tag("dovecot")
    void secondDovecotGetsNamesWithItsPrefixAndSeparator() throws MessagingException {
        try (IMAPStore store = FixtureServers.second(FixtureServers.SOURCE)) {
            MigrationFixture.clearAll(store);
            Manifest manifest = MigrationFixture.build(store, SEED, false);
            try {
                assertThat(manifest.naming()).isEqualTo(new Naming("INBOX.", '.'));
                assertThat(manifest.folder("Projects/2024/Q1").name()).isEqualTo("INBOX.Projects.2024.Q1");
                assertStoredExactly(store, manifest);
                assertSubscriptions(store, manifest);
            } finally {
                MigrationFixture.clear(store, manifest);
            }
        }
    }

    @Test
    @Tag("dovecot")
    void naiveAppendMessagesCopyKeepsBytesFlagsAndDatesButNotSubscriptions() throws MessagingException {
        try (IMAPStore source = FixtureServers.main(FixtureServers.SOURCE);
             IMAPStore destination = FixtureServers.second(FixtureServers.DESTINATION)) {
            MigrationFixture.clearAll(source);
            MigrationFixture.clearAll(destination);
            Manifest manifest = MigrationFixture.build(source, SEED, false);
            try {
                Naming to = Naming.of(destination);
                NaiveCopy.copy(source, destination, manifest, to);
                VerifyReport report = new MailboxVerifier().verify(source, destination, manifest.pairsTo(to));
                assertThat(report.clean()).as(report.summary()).isFalse();
                assertThat(report.folders()).allSatisfy(f -> {
                    assertThat(f.missing()).isEmpty();
                    assertThat(f.extra()).isEmpty();
                    assertThat(f.flagDifferences()).isEmpty();
                    assertThat(f.dateDifferences()).isEmpty();
                });
                assertThat(report.folders()).filteredOn(f -> !f.problems().isEmpty())
                        .extracting(VerifyReport.Folder::source).contains(manifest.folder("Projects/2024/Q1").name())
                        .allSatisfy(name -> assertThat(manifest.folders()).anyMatch(f -> f.name().equals(name) && f.subscribed()));
                assertThat(report.folders()).flatExtracting(VerifyReport.Folder::problems)
                        .containsOnly("not subscribed on the destination");
                assertThat(new MailboxVerifier(VerifyOptions.strict().withoutSubscriptions())
                        .verify(source, destination, manifest.pairsTo(to)).clean()).isTrue();
            } finally {
                MigrationFixture.clear(source, manifest);
                MigrationFixture.clearAll(destination);
            }
        }
    }

    @Test
    @Tag("dovecot")
    void naiveCopyAsNewMessagesLosesEveryArrivalDate() throws MessagingException {
        try (IMAPStore source = FixtureServers.main(FixtureServers.SOURCE);
             IMAPStore destination = FixtureServers.main(FixtureServers.DESTINATION)) {
            MigrationFixture.clearAll(source);
            MigrationFixture.clearAll(destination);
            Manifest manifest = MigrationFixture.build(source, SEED, false);
            try {
                NaiveCopy.copyAsNewMessages(source, destination, manifest, manifest.naming());
                VerifyReport report = new MailboxVerifier(VerifyOptions.strict().withoutSubscriptions())
                        .verify(source, destination, manifest.pairsTo(manifest.naming()));
                assertThat(report.clean()).isFalse();
                assertThat(report.folders()).allSatisfy(f -> {
                    assertThat(f.dateDifferences()).hasSize((int) f.sourceCount()); // the server's "now" instead
                    assertThat(f.flagDifferences()).isEmpty(); // the MimeMessage copy constructor copies the flags
                    assertThat(f.missing()).isEmpty();
                });
            } finally {
                MigrationFixture.clear(source, manifest);
                MigrationFixture.clearAll(destination);
            }
        }
    }

    /** Every folder holds exactly the manifest's messages: raw SHA-256, flags and keywords, INTERNALDATE. */
    static void assertStoredExactly(IMAPStore store, Manifest manifest) throws MessagingException {
        MailboxVerifier verifier = new MailboxVerifier(VerifyOptions.strict());
        for (FolderEntry f : manifest.folders()) {
            List<String> stored = verifier.messages(store, f.name()).stream()
                    .map(m -> key(m.sha256(), m.flags(), m.internalDate().toString())).toList();
            List<String> built = f.messages().stream().map(i -> key(i.sha256(), i.flags(), i.internalDate().toString())).toList();
            assertThat(stored).as(f.name()).containsExactlyInAnyOrderElementsOf(built);
        }
    }

    private static void assertSubscriptions(IMAPStore store, Manifest manifest) throws MessagingException {
        Set<String> subscribed = new TreeSet<>();
        for (Folder f : store.getDefaultFolder().listSubscribed("*")) subscribed.add(f.getFullName());
        for (FolderEntry f : manifest.folders()) {
            if (!f.logical().equals("INBOX")) assertThat(subscribed.contains(f.name())).as(f.name()).isEqualTo(f.subscribed());
        }
    }

    private static String key(String sha256, Set<String> flags, String date) {
        return sha256 + " " + new TreeSet<>(flags) + " " + date;
    }
}

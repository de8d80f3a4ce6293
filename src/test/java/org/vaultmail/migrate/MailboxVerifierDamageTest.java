package org.vaultmail.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.MigrationFixture.Manifest;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.verify.MailboxVerifier;
import org.vaultmail.migrate.verify.VerifyOptions;
import org.vaultmail.migrate.verify.VerifyReport;

/**
 * The verifier must fail on a deliberately damaged copy (issue 14): the fixture (without its 20 MB messages) is built
 * twice with the same seed on the main Dovecot, source and destination, which makes a correct copy; each test damages
 * the destination in one way and checks the verifier names exactly that.
 */
@Tag("dovecot")
class MailboxVerifierDamageTest {

    private static final long SEED = 14;
    private IMAPStore source;
    private IMAPStore destination;
    private static Manifest sourceManifest;
    private Manifest copy;
    private FixtureDamage damage;

    @BeforeAll
    static void buildSource() throws MessagingException {
        try (IMAPStore store = FixtureServers.main(FixtureServers.SOURCE)) {
            MigrationFixture.clearAll(store);
            sourceManifest = MigrationFixture.build(store, SEED, false);
        }
    }

    @AfterAll
    static void clearSource() throws MessagingException {
        if (sourceManifest == null) return;
        try (IMAPStore store = FixtureServers.main(FixtureServers.SOURCE)) {
            MigrationFixture.clear(store, sourceManifest);
        }
    }

    /** New connections per test: the shared Dovecot is reloaded (ending sessions) whenever a test JVM starts. */
    @BeforeEach
    void buildCopy() throws MessagingException {
        source = FixtureServers.main(FixtureServers.SOURCE);
        destination = FixtureServers.main(FixtureServers.DESTINATION);
        MigrationFixture.clearAll(destination);
        copy = MigrationFixture.build(destination, SEED, false);
        damage = new FixtureDamage(destination);
    }

    @AfterEach
    void clearCopy() throws MessagingException {
        source.close();
        if (!destination.isConnected()) destination = FixtureServers.main(FixtureServers.DESTINATION);
        MigrationFixture.clear(destination, copy);
        destination.close();
    }

    @Test
    void correctCopyIsClean() throws MessagingException {
        VerifyReport report = verify(VerifyOptions.strict());
        assertThat(report.clean()).as(report.summary()).isTrue();
        assertThat(report.sourceCount()).isEqualTo(sourceManifest.messageCount()).isEqualTo(report.destinationCount());
    }

    @Test
    void oneByteChangedIsMissingPlusExtra() throws Exception {
        damage.rewrite("INBOX", index("plain-2"), FixtureDamage::changeOneByte);
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.missing()).singleElement().extracting(VerifyReport.Message::sha256).isEqualTo(sha("plain-2"));
        assertThat(inbox.extra()).hasSize(1);
        assertThat(inbox.duplicates()).isZero();
        assertThat(inbox.rewritten()).as("the body changed, not only the headers").isEmpty();
        assertThat(inbox.clean()).isFalse();
    }

    @Test
    void headerAddedLikeMbsyncsTuidIsMissingPlusExtra() throws Exception {
        damage.rewrite("INBOX", index("no-message-id"), FixtureDamage::addTuid);
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.missing()).singleElement().extracting(VerifyReport.Message::sha256).isEqualTo(sha("no-message-id"));
        assertThat(inbox.extra()).hasSize(1);
        assertThat(inbox.sourceCount()).isEqualTo(inbox.destinationCount());
        assertThat(inbox.rewritten()).singleElement().satisfies(r -> {
            assertThat(r.sourceSha256()).isEqualTo(sha("no-message-id"));
            assertThat(r.flagsDiffer()).isFalse();
            assertThat(r.datesDiffer()).isFalse();
        });
    }

    @Test
    void flagRemovedIsAFlagDifference() throws MessagingException {
        damage.removeFlag("INBOX", index("plain-2"), new Flags(Flags.Flag.ANSWERED));
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.flagDifferences()).singleElement().satisfies(d -> {
            assertThat(d.sha256()).isEqualTo(sha("plain-2"));
            assertThat(d.source()).containsExactlyInAnyOrder("\\Seen", "\\Answered");
            assertThat(d.destination()).containsExactly("\\Seen");
        });
        assertThat(inbox.missing()).isEmpty();
        assertThat(inbox.extra()).isEmpty();
        assertThat(inbox.clean()).isFalse();
    }

    @Test
    void keywordRemovedIsAFlagDifference() throws MessagingException {
        damage.removeFlag("INBOX", index("plain-3"), new Flags("$Label1"));
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.flagDifferences()).singleElement().satisfies(d -> {
            assertThat(d.source()).contains("$Label1");
            assertThat(d.destination()).doesNotContain("$Label1").contains("\\Flagged");
        });
    }

    @Test
    void keywordTheDestinationCannotStoreIsIgnoredWhenAsked() throws MessagingException {
        damage.removeFlag("INBOX", index("plain-3"), new Flags("$Label1"));
        VerifyReport report = verify(VerifyOptions.strict().ignoring(Set.of("$label1")));
        assertThat(report.clean()).as(report.summary()).isTrue();
    }

    @Test
    void internalDateChangedIsADateDifference() throws Exception {
        damage.redate("INBOX", index("date-header-2012-arrived-2024"), Instant.parse("2012-03-04T08:00:00Z"));
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.dateDifferences()).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo(Instant.parse("2024-06-01T13:34:56Z"));
            assertThat(d.destination()).isEqualTo(Instant.parse("2012-03-04T08:00:00Z"));
        });
        assertThat(inbox.flagDifferences()).isEmpty();
        assertThat(inbox.missing()).isEmpty();
    }

    @Test
    void messageMissingIsReported() throws MessagingException {
        damage.delete(copy.folder("Projects/2024/Q1").name(), 1);
        VerifyReport report = verify(VerifyOptions.strict());
        VerifyReport.Folder q1 = folder(report, "Projects/2024/Q1");
        assertThat(q1.missing()).singleElement().extracting(VerifyReport.Message::sha256)
                .isEqualTo(sourceManifest.folder("Projects/2024/Q1").messages().get(1).sha256());
        assertThat(q1.destinationCount()).isEqualTo(q1.sourceCount() - 1);
        assertThat(report.folders().stream().filter(f -> f != q1)).allMatch(VerifyReport.Folder::clean);
    }

    @Test
    void oneDuplicateOfTwoIsMissingOnlyOnce() throws MessagingException {
        damage.delete("INBOX", index("duplicate-b"));
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.missing()).singleElement().extracting(VerifyReport.Message::sha256).isEqualTo(sha("duplicate-a"));
    }

    @Test
    void duplicateAddedIsExtraAndCountedAsDuplicate() throws Exception {
        damage.duplicate("INBOX", index("shared-id-1"));
        VerifyReport.Folder inbox = inbox(verify(VerifyOptions.strict()));
        assertThat(inbox.extra()).singleElement().extracting(VerifyReport.Message::sha256).isEqualTo(sha("shared-id-1"));
        assertThat(inbox.duplicates()).isEqualTo(1);
        assertThat(inbox.missing()).isEmpty();
        assertThat(inbox.destinationCount()).isEqualTo(inbox.sourceCount() + 1);
    }

    @Test
    void unsubscribedDestinationIsReportedForASubscribedSource() throws MessagingException {
        destination.getFolder(copy.folder("Überweisungen").name()).setSubscribed(false);
        VerifyReport report = verify(VerifyOptions.strict());
        assertThat(folder(report, "Überweisungen").problems()).containsExactly("not subscribed on the destination");
        assertThat(verify(VerifyOptions.strict().withoutSubscriptions()).clean()).isTrue();
    }

    @Test
    void verifyingLeavesTheSourceUnreadAndItsModSeqUnchanged() throws MessagingException {
        VerifyReport report = verify(VerifyOptions.strict());
        assertThat(report.folders()).allSatisfy(f -> {
            assertThat(f.highestModSeqBefore()).isNotNull();
            assertThat(f.sourceUnchanged()).isTrue();
        });
        List<VerifyReport.Message> inbox = new MailboxVerifier().messages(source, "INBOX");
        assertThat(inbox.stream().filter(m -> m.sha256().equals(sha("plain-6")))).singleElement()
                .satisfies(m -> assertThat(m.flags()).doesNotContain("\\Seen"));
    }

    private VerifyReport verify(VerifyOptions options) throws MessagingException {
        List<FolderPair> pairs = sourceManifest.pairsTo(copy.naming());
        return new MailboxVerifier(options).verify(source, destination, pairs);
    }

    private static VerifyReport.Folder inbox(VerifyReport report) {
        return folder(report, "INBOX");
    }

    private static VerifyReport.Folder folder(VerifyReport report, String logical) {
        String name = sourceManifest.folder(logical).name();
        return report.folders().stream().filter(f -> f.source().equals(name)).findFirst().orElseThrow();
    }

    private int index(String label) {
        List<MigrationFixture.Item> items = copy.folder("INBOX").messages();
        for (int i = 0; i < items.size(); i++) if (items.get(i).label().equals(label)) return i;
        throw new IllegalArgumentException(label);
    }

    private static String sha(String label) {
        return sourceManifest.folder("INBOX").messages().stream().filter(i -> i.label().equals(label)).findFirst()
                .orElseThrow().sha256();
    }
}

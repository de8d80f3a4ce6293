package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.angus.mail.iap.Response;
import org.junit.jupiter.api.Test;

/** The engine's own protocol pieces, without a server: APPENDUID, throttling replies, UID sets, dates, fingerprints. */
class ImapCommandsTest {

    @Test
    void appendUidOfAMultiappendListsEveryDestinationUidInOrder() throws Exception {
        assertThat(ImapCommands.appendUids(new Response("A7 OK [APPENDUID 38505 3955:3957] Append completed.")))
                .containsExactly(3955L, 3956L, 3957L);
        assertThat(ImapCommands.appendUids(new Response("A7 OK [APPENDUID 1 4,9:10] done"))).containsExactly(4L, 9L, 10L);
        assertThat(ImapCommands.appendUids(new Response("A7 OK Append completed."))).isEmpty();
    }

    @Test
    void throttlingRepliesAreRecognisedAndOrdinaryRefusalsAreNot() throws Exception {
        assertThat(ImapCommands.throttled(new Response[] {new Response("A1 NO [UNAVAILABLE] Try again later")})).isTrue();
        assertThat(ImapCommands.throttled(new Response[] {new Response("* OK [THROTTLED] slow down"),
                new Response("A1 OK done")})).isTrue();
        assertThat(ImapCommands.throttled(new Response[] {new Response("* BYE Too many requests, throttled")})).isTrue();
        assertThat(ImapCommands.throttled(new Response[] {new Response("A1 NO [LIMIT] Message too big")})).isFalse();
    }

    @Test
    void aRefusalIsReportedByItsResponseCodeNeverItsText() throws Exception {
        Response refused = new Response("A1 NO [LIMIT] mailbox of user secret-password full");
        assertThat(ImapCommands.code(refused)).contains("LIMIT");
        assertThat(ImapCommands.code(new Response("A1 NO no code here"))).isEmpty();
    }

    @Test
    void uidSetsCompressRanges() {
        assertThat(ImapCommands.uidSets(List.of(7L, 1L, 2L, 3L, 9L, 10L, 12L))).containsExactly("1:3,7,9:10,12");
        assertThat(ImapCommands.uidSets(List.of())).isEmpty();
    }

    @Test
    void appendDateIsTheSameInstantInUtc() {
        assertThat(Appender.date(Instant.parse("2001-02-03T04:05:06Z"))).isEqualTo("03-Feb-2001 04:05:06 +0000");
    }

    @Test
    void fingerprintOfAWholeMessageEqualsThatOfItsHeaderSectionWithOrWithoutTheBlankLine() {
        byte[] message = "Message-ID: <a@b>\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] header = "Message-ID: <a@b>\r\nSubject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] headerNoBlank = "Message-ID: <a@b>\r\nSubject: x\r\n".getBytes(StandardCharsets.US_ASCII);
        String fp = Fingerprints.ofMessage(message, 0, message.length, message.length);
        assertThat(Fingerprints.ofHeader(header, 0, header.length, message.length)).isEqualTo(fp);
        assertThat(Fingerprints.ofHeader(headerNoBlank, 0, headerNoBlank.length, message.length)).isEqualTo(fp);
        assertThat(Fingerprints.ofHeader(header, 0, header.length, message.length + 1)).isNotEqualTo(fp);
    }

    @Test
    void flagsTheDestinationCannotKeepAreLeftOutAndRecentNeverSent() {
        Set<String> permanent = Set.of("\\Seen", "\\Deleted");
        assertThat(FlagNames.allowed(Set.of("\\Seen", "$Label1", "\\Recent"), permanent)).containsExactly("\\Seen");
        assertThat(FlagNames.allowed(Set.of("\\Seen", "$Label1"), Set.of("\\Seen", "\\*")))
                .containsExactlyInAnyOrder("\\Seen", "$Label1");
    }

    @Test
    void aFingerprintGroupTooBigToCompareIsAmbiguousNotGuessed() throws Exception {
        FingerprintMatcher matcher = new FingerprintMatcher(1000);
        FingerprintMatcher.BodyHashes none = new FingerprintMatcher.BodyHashes() {
            @Override
            public Map<Long, String> source(List<Long> uids) {
                throw new AssertionError("no body may be fetched");
            }

            @Override
            public Map<Long, String> destination(List<Long> uids) {
                throw new AssertionError("no body may be fetched");
            }
        };
        FingerprintMatcher.Result r = matcher.match(Map.of(1L, "f", 2L, "f", 3L, "g"), Map.of(10L, "f", 11L, "h"),
                Map.of(1L, 5000L, 2L, 5000L, 3L, 10L), none);
        assertThat(r.ambiguous()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(r.groups()).isEqualTo(1);
        assertThat(r.missing()).containsExactly(3L);
        assertThat(r.matches()).isEmpty();
        assertThat(r.extraOnDestination()).containsExactly(11L);
    }
}

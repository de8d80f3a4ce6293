package org.vaultmail.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every payload of DOMPurify's test suite and of our Roundcube-class corpus, sanitised in both reading
 * modes (remote blocked, remote through the proxy) and again on its own output, comes out with no
 * script, handler, dangerous element or URL, and no resource that bypassed the rewriter.
 */
class HostileCorpusTest {

    private final MailHtmlSanitizer sanitizer = new MailHtmlSanitizer();

    static List<Corpora.Payload> dompurify() {
        return Corpora.dompurify();
    }

    static List<Corpora.Payload> roundcube() {
        return Corpora.roundcubeClasses(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dompurify")
    void dompurifyPayloadComesOutInert(Corpora.Payload payload) {
        assertInertInBothModes(payload.html());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundcube")
    void roundcubeClassPayloadComesOutInert(Corpora.Payload payload) {
        assertInertInBothModes(payload.html());
    }

    @Test
    void theOwnCorpusIsLargeEnoughAndSelfContained() {
        List<Corpora.Payload> all = Corpora.roundcubeClasses(false);
        assertThat(all.size() + Corpora.roundcubeClasses(true).size()).isGreaterThanOrEqualTo(40);
        assertThat(all).allSatisfy(p -> assertThat(p.note()).isNotBlank());
    }

    @Test
    void blockedRemoteResourcesInTheCorpusNeverReachTheOutput() {
        for (Corpora.Payload p : Corpora.roundcubeClasses(false)) {
            RecordingRewriter blocking = RecordingRewriter.blockingRemote();
            SanitizedHtml out = sanitizer.sanitize(p.html(), blocking);
            if (!blocking.remoteAsked.isEmpty()) assertThat(out.remoteContentBlocked()).as(p.name()).isTrue();
            for (String remote : blocking.remoteAsked) {
                assertThat(out.html()).as(p.name()).doesNotContain(remote.substring(remote.indexOf("//") + 2));
            }
        }
    }

    private void assertInertInBothModes(String html) {
        RecordingRewriter blocking = RecordingRewriter.blockingRemote();
        SanitizedHtml blocked = sanitizer.sanitize(html, blocking);
        SafeHtmlAssertions.assertSafe(blocked.html(), blocking);
        assertThat(blocked.remoteContentBlocked()).isEqualTo(!blocking.remoteAsked.isEmpty());

        RecordingRewriter proxying = RecordingRewriter.proxyingRemote();
        SanitizedHtml proxied = sanitizer.sanitize(html, proxying);
        SafeHtmlAssertions.assertSafe(proxied.html(), proxying);
        assertThat(proxied.remoteContentBlocked()).isFalse();

        RecordingRewriter again = RecordingRewriter.proxyingRemote();
        again.issued.addAll(proxying.issued);
        SafeHtmlAssertions.assertSafe(sanitizer.sanitize(proxied.html(), again).html(), again);
    }
}

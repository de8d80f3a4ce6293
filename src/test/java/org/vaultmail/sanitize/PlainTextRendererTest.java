package org.vaultmail.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plain-text bodies: escaped, linkified only to http/https/mailto, quote levels as blockquotes. */
class PlainTextRendererTest {

    static List<Corpora.Payload> plainTextPayloads() {
        return Corpora.roundcubeClasses(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainTextPayloads")
    void hostileTextStaysTextAndLinksOnlyToWebOrMail(Corpora.Payload payload) {
        Document doc = Jsoup.parseBodyFragment(PlainTextRenderer.toHtml(payload.html()));
        for (Element e : doc.body().select("*")) {
            if (e == doc.body()) continue;
            assertThat(e.normalName()).isIn("a", "blockquote");
            if (e.normalName().equals("a")) {
                assertThat(e.attributes().size()).isEqualTo(3);
                assertThat(e.attr("href")).matches("(https://|http://|mailto:)[^\\s\"'<>]*");
                assertThat(e.attr("target")).isEqualTo("_blank");
                assertThat(e.attr("rel")).isEqualTo("noopener noreferrer");
            }
        }
        assertThat(doc.select("a[href~=(?i)script:]")).isEmpty();
        if (!payload.html().matches("(?s)(.*\\n)?>.*")) { // no quote lines: the text comes back exactly
            assertThat(doc.body().wholeText()).isEqualTo(payload.html());
        }
    }

    @Test
    void markupInTextIsShownNotParsed() {
        String out = PlainTextRenderer.toHtml("<script>alert(1)</script> & \"quotes\" 'single'");
        assertThat(out).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34; &#39;single&#39;");
    }

    @Test
    void javascriptInTextNeverBecomesALink() {
        assertThat(PlainTextRenderer.toHtml("go javascript:alert(1) JAVASCRIPT://%0aalert(1)")).doesNotContain("<a");
    }

    @Test
    void wikipediaParenthesesStayInTheLinkAndSurroundingOnesDoNot() {
        Document doc = Jsoup.parseBodyFragment(PlainTextRenderer.toHtml(
                "Read https://en.wikipedia.org/wiki/Set_(mathematics). Or (see https://example.test/x) now."));
        assertThat(doc.select("a").eachAttr("href"))
                .containsExactly("https://en.wikipedia.org/wiki/Set_(mathematics)", "https://example.test/x");
    }

    @Test
    void trailingSentencePunctuationIsNotPartOfTheLink() {
        Document doc = Jsoup.parseBodyFragment(PlainTextRenderer.toHtml(
                "See https://example.test/a?b=1, then www.example.test! Mail mailto:bob@example.test."));
        assertThat(doc.select("a").eachAttr("href")).containsExactly(
                "https://example.test/a?b=1", "https://www.example.test", "mailto:bob@example.test");
    }

    @Test
    void aQuoteCannotBreakOutOfTheHref() {
        Document doc = Jsoup.parseBodyFragment(PlainTextRenderer.toHtml("https://example.test/a\"onmouseover=\"alert(1)"));
        assertThat(doc.select("a").eachAttr("href")).containsExactly("https://example.test/a");
        assertThat(doc.select("[onmouseover]")).isEmpty();
    }

    @Test
    void quoteLevelsBecomeNestedBlockquotes() {
        Document doc = Jsoup.parseBodyFragment(PlainTextRenderer.toHtml(
                "Bob wrote:\n> first\n>> second <b>\n> > also second\n> back\nme"));
        assertThat(doc.select("body > blockquote")).hasSize(1);
        assertThat(doc.select("blockquote > blockquote").text()).isEqualTo("second <b> also second");
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.body().ownText()).contains("Bob wrote:").contains("me");
    }
}

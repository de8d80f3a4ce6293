package org.vaultmail.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** What a real newsletter keeps, and how every resource URL is routed. */
class MailHtmlSanitizerTest {

    private final MailHtmlSanitizer sanitizer = new MailHtmlSanitizer();

    @Test
    void aNewsletterKeepsItsTablesColoursWidthsStylesAndAlignment() {
        RecordingRewriter rewriter = RecordingRewriter.blockingRemote();
        SanitizedHtml out = sanitizer.sanitize(Newsletter.html(3), rewriter);
        SafeHtmlAssertions.assertSafe(out.html(), rewriter);
        Document doc = Jsoup.parseBodyFragment(out.html());

        Element outer = doc.selectFirst("table[width=600]");
        assertThat(outer).isNotNull();
        assertThat(outer.attr("cellpadding")).isEqualTo("0");
        assertThat(outer.attr("align")).isEqualTo("center");
        assertThat(outer.attr("bgcolor")).isEqualTo("#ffffff");
        assertThat(outer.attr("style")).contains("border-collapse:collapse").contains("max-width:600px");
        Element header = doc.selectFirst("td.header, td[bgcolor=#1a73e8]");
        assertThat(header).isNotNull();
        assertThat(header.attr("style")).contains("padding:24px").contains("text-align:center").contains("color:#ffffff");
        assertThat(doc.select("h1").attr("style")).contains("font-family").contains("font-size:28px").contains("line-height");
        assertThat(doc.select("td[valign=top]")).isNotEmpty();
        assertThat(doc.select("div[style*=display:none]").text()).contains("This week");
        assertThat(doc.select("a[href=https://news.example.test/article/1]").attr("style"))
                .contains("background-color:#1a73e8").contains("border-radius:4px");
        assertThat(doc.select("font[color=#555555]")).isNotEmpty();
        assertThat(doc.text()).contains("Three things you missed").contains("Unsubscribe");
        assertThat(doc.select("body > div[style*=background-color:#f4f4f4]")).hasSize(1);
    }

    @Test
    void cidImagesGoToTheInlinePartUrl() {
        RecordingRewriter rewriter = RecordingRewriter.blockingRemote();
        SanitizedHtml out = sanitizer.sanitize(
                "<img src=\"cid:logo@example.test\" alt=\"Logo\"><img src=\"CID:%3Cpart2%40example.test%3E\">", rewriter);
        assertThat(rewriter.inlineAsked).containsExactly("logo@example.test", "part2@example.test");
        assertThat(Jsoup.parseBodyFragment(out.html()).select("img").eachAttr("src"))
                .containsExactly("/api/v1/parts/1", "/api/v1/parts/2");
        assertThat(out.remoteContentBlocked()).isFalse();
    }

    @Test
    void remoteImagesAreBlockedByDefaultAndLeaveNoTrace() {
        RecordingRewriter rewriter = RecordingRewriter.blockingRemote();
        SanitizedHtml out = sanitizer.sanitize(Newsletter.html(1), rewriter);
        assertThat(out.remoteContentBlocked()).isTrue();
        assertThat(rewriter.remoteAsked).contains("https://cdn.news.example.test/hero.jpg",
                "https://cdn.news.example.test/bg.png", "https://track.news.example.test/open.gif?u=42");
        assertThat(out.html()).doesNotContain("cdn.news.example.test").doesNotContain("track.news.example.test");
    }

    @Test
    void allowedRemoteResourcesAppearOnlyInTheirProxiedForm() {
        RecordingRewriter rewriter = RecordingRewriter.proxyingRemote();
        SanitizedHtml out = sanitizer.sanitize(Newsletter.html(1), rewriter);
        SafeHtmlAssertions.assertSafe(out.html(), rewriter);
        assertThat(out.remoteContentBlocked()).isFalse();
        assertThat(out.html()).doesNotContain("cdn.news.example.test").doesNotContain("track.news.example.test");
        Document doc = Jsoup.parseBodyFragment(out.html());
        assertThat(doc.select("img[src^=/proxy/img/]")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(doc.select("td[background^=/proxy/img/]")).hasSize(1);
        assertThat(doc.select("[style*=/proxy/img/]")).hasSize(1);
    }

    @Test
    void aTrackingPixelCountsAsRemoteContent() {
        SanitizedHtml out = sanitizer.sanitize("<p>Hi</p><img src=\"https://t.example.test/o.gif\" width=\"1\" height=\"1\">",
                ResourceRewriter.blockAll());
        assertThat(out.remoteContentBlocked()).isTrue();
        assertThat(out.html()).isEqualTo("<p>Hi</p><img width=\"1\" height=\"1\" />");
    }

    @Test
    void onlyBase64RasterDataImagesSurviveInCanonicalForm() {
        RecordingRewriter rewriter = RecordingRewriter.blockingRemote();
        String out = sanitizer.sanitize("<img src=\" DATA:Image/JPG;base64,/9j/4AAQ\n SkZJRg== \">"
                + "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\"><img src=\"data:image/png,rawbytes\">"
                + "<img src=\"data:text/html;base64,PHNjcmlwdD4=\">", rewriter).html();
        assertThat(Jsoup.parseBodyFragment(out).select("img[src]").eachAttr("src"))
                .containsExactly("data:image/jpeg;base64,/9j/4AAQSkZJRg==");
    }

    @Test
    void linksKeepOnlyWebAndMailSchemesAndOpenOutsideTheFrame() {
        String out = sanitizer.sanitize("<a href=\"HTTPS://example.test/a\">1</a><a href=\"mailto:a@example.test\">2</a>"
                + "<a href=\"/settings\">3</a><a href=\"ftp://example.test/\">4</a><a href=\"java\tscript:alert(1)\">5</a>"
                + "<a href=\"https://example.test/b\" target=\"_top\" rel=\"opener\">6</a>", ResourceRewriter.blockAll()).html();
        Document doc = Jsoup.parseBodyFragment(out);
        assertThat(doc.select("a[href]").eachAttr("href"))
                .containsExactly("https://example.test/a", "mailto:a@example.test", "https://example.test/b");
        assertThat(doc.select("a[href]")).allSatisfy(a -> {
            assertThat(a.attr("target")).isEqualTo("_blank");
            assertThat(a.attr("rel")).isEqualTo("noopener noreferrer");
        });
    }

    @Test
    void styleBlocksAndTheirContentAreDropped() {
        String out = sanitizer.sanitize("<style>p { color: red } @import url(https://evil.test/x.css);</style><p>kept</p>",
                ResourceRewriter.blockAll()).html();
        assertThat(out).isEqualTo("<p>kept</p>");
    }

    @Test
    void relativeResourcesAreDroppedWithoutCountingAsRemote() {
        RecordingRewriter rewriter = RecordingRewriter.blockingRemote();
        SanitizedHtml out = sanitizer.sanitize("<img src=\"/api/v1/session\"><img src=\"logo.png\">", rewriter);
        assertThat(out.html()).isEmpty();
        assertThat(out.remoteContentBlocked()).isFalse();
        assertThat(rewriter.remoteAsked).isEmpty();
    }

    @Test
    void aRewriterAnswerThatCouldBreakOutOfItsAttributeOrCssStringIsDropped() {
        ResourceRewriter careless = new ResourceRewriter() {
            @Override
            public @Nullable String inline(String contentId) {
                return "javascript:alert(1)";
            }

            @Override
            public @Nullable String remote(String absoluteUrl) {
                return "/proxy?u=" + absoluteUrl + "')";
            }
        };
        SanitizedHtml out = sanitizer.sanitize("<img src=\"cid:a\"><div style=\"background:url(https://e.test/x')\">x</div>", careless);
        assertThat(out.html()).isEqualTo("<div>x</div>");
        assertThat(out.remoteContentBlocked()).isTrue();
    }

    @Test
    void concurrentRunsNeverSeeEachOthersRewriter() {
        List<Boolean> isolated = IntStream.range(0, 200).parallel().mapToObj(i -> {
            String id = "part" + i + "@example.test";
            ResourceRewriter own = new ResourceRewriter() {
                @Override
                public @Nullable String inline(String contentId) {
                    return "/parts/" + contentId.replace("@", "-at-");
                }

                @Override
                public @Nullable String remote(String absoluteUrl) {
                    return null;
                }
            };
            String html = sanitizer.sanitize("<img src=\"cid:" + id + "\">", own).html();
            return html.equals("<img src=\"/parts/part" + i + "-at-example.test\" />");
        }).toList();
        assertThat(isolated).containsOnly(true);
    }
}

package org.vaultmail.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mail shaped to exhaust the server: deep nesting, thousands of attributes, absurd quote depth. */
class HostileSizeTest {

    private final MailHtmlSanitizer sanitizer = new MailHtmlSanitizer();

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void deeplyNestedMarkupIsCutAtTheNestingLimit() {
        String html = "<div>".repeat(100_000) + "x" + "</div>".repeat(100_000);
        String out = sanitizer.sanitize(html, ResourceRewriter.blockAll()).html();
        assertThat(Jsoup.parseBodyFragment(out).select("div")).hasSizeLessThanOrEqualTo(256);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void fiftyThousandCopiesOfAnAttributeDoNotTakeSeconds() {
        // before the attribute cap this took over 10 s (the library's duplicate handling is quadratic)
        String html = "<p " + "title=x ".repeat(50_000) + "onclick=alert(1)>y</p><img " + "alt=a ".repeat(50_000)
                + "src=\"https://evil.test/late.png\">";
        RecordingRewriter rewriter = RecordingRewriter.blockingRemote();
        SanitizedHtml out = sanitizer.sanitize(html, rewriter);
        SafeHtmlAssertions.assertSafe(out.html(), rewriter);
        assertThat(out.html()).startsWith("<p title=\"x\">y</p>");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aQuoteHundredThousandLevelsDeepIsShownSixteenDeep() {
        String out = PlainTextRenderer.toHtml(">".repeat(100_000) + " deep\nflat");
        assertThat(out).isEqualTo("<blockquote>".repeat(16) + "deep\n" + "</blockquote>".repeat(16) + "flat");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aLinkEndingInAHundredThousandBracketsIsTrimmedInLinearTime() {
        String out = PlainTextRenderer.toHtml("see https://example.test/x" + ")".repeat(100_000) + ".");
        assertThat(Jsoup.parseBodyFragment(out).select("a").eachAttr("href")).containsExactly("https://example.test/x");
    }
}

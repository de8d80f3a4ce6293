package org.vaultmail.bench;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vaultmail.sanitize.MailHtmlSanitizer;
import org.vaultmail.sanitize.Newsletter;
import org.vaultmail.sanitize.PlainTextRenderer;
import org.vaultmail.sanitize.ResourceRewriter;
import org.vaultmail.sanitize.SanitizedHtml;

/**
 * Time to sanitise a typical 50 KB newsletter (tables, inline styles, cid and remote images), once with
 * remote content blocked and once proxied, and to render 50 KB of plain text. One thread, so per core.
 * Run: {@code java -cp "$(bench/classpath.sh)" org.openjdk.jmh.Main SanitizerBenchmark -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xshare:off")
public class SanitizerBenchmark {

    private final MailHtmlSanitizer sanitizer = new MailHtmlSanitizer();
    private final ResourceRewriter proxying = new ResourceRewriter() {
        @Override
        public @Nullable String inline(String contentId) {
            return "/api/v1/parts/" + contentId.length();
        }

        @Override
        public @Nullable String remote(String absoluteUrl) {
            return "/proxy/img/" + Integer.toHexString(absoluteUrl.hashCode());
        }
    };
    private String newsletter = "";
    private String text = "";

    @Setup
    public void setUp() {
        int articles = 1;
        while (Newsletter.html(articles).length() < 50_000) articles++;
        newsletter = Newsletter.html(articles);
        StringBuilder t = new StringBuilder();
        while (t.length() < 50_000) {
            t.append("> On Monday someone wrote about https://en.wikipedia.org/wiki/Set_(mathematics) and www.example.test.\n")
                    .append("Plain line with <angle brackets> & ampersands, mailto:alice@example.test, nothing else.\n");
        }
        text = t.toString();
    }

    @Benchmark
    public SanitizedHtml newsletterRemoteBlocked() {
        return sanitizer.sanitize(newsletter, ResourceRewriter.blockAll());
    }

    @Benchmark
    public SanitizedHtml newsletterRemoteProxied() {
        return sanitizer.sanitize(newsletter, proxying);
    }

    @Benchmark
    public String plainText() {
        return PlainTextRenderer.toHtml(text);
    }
}

package org.vaultmail.admin.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.i18n.Languages;
import org.vaultmail.testing.ProblemAssertions;
import org.vaultmail.testing.MutableClock;

/** ADR 0027 amendment: beyond what the Argon2 gate can run or queue, operator sign-ins are refused at the door, cheaply. */
class OperatorSignInAdmissionFilterTest {

    final List<AdminActionPerformed> entries = new CopyOnWriteArrayList<>();
    final OperatorSignInAudit audit = new OperatorSignInAudit(e -> entries.add((AdminActionPerformed) e), new MutableClock(),
            Duration.ofHours(1), 20);
    final OperatorSignInAdmissionFilter filter = new OperatorSignInAdmissionFilter(2, audit, ProblemAssertions.messages(),
            request -> Languages.forAcceptLanguage(request.getHeader("Accept-Language")));
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        threads.shutdownNow();
        audit.close();
    }

    @Test
    void signInsBeyondCapacityAreRefusedWithRetryAfterWithoutReachingTheApplicationAndCountedAsBusy() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reached = new AtomicInteger();
        FilterChain holding = (req, res) -> {
            reached.incrementAndGet();
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        List<Future<MockHttpServletResponse>> held = List.of(threads.submit(() -> run(post("/admin/signin"), holding)),
                threads.submit(() -> run(post("/admin/signin"), holding)));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = run(post("/admin/signin"), holding);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo(Long.toString(OperatorSignInBusyException.RETRY_AFTER.toSeconds()));
        assertThat(refused.getHeader("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(refused.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(refused.getContentAsString()).contains("<html lang=\"en\"", "not counted as a failure", "href=\"/admin/signin\"",
                "in " + OperatorSignInBusyException.RETRY_AFTER.toSeconds() + " seconds");
        MockHttpServletRequest german = post("/admin/signin");
        german.addHeader("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        assertThat(run(german, holding).getContentAsString()).contains("<html lang=\"de\"",
                "nicht als Fehlversuch gezählt", "href=\"/admin/signin\"");
        MockHttpServletRequest french = post("/admin/signin");
        french.addHeader("Accept-Language", "fr");
        assertThat(run(french, holding).getContentAsString()).contains("<html lang=\"fr\"",
                "ni comptée comme un échec", "href=\"/admin/signin\"");
        assertThat(reached).hasValue(2);

        // other requests are never held back, the form included
        assertThat(run(get("/admin/signin"), (req, res) -> reached.incrementAndGet()).getStatus()).isEqualTo(200);
        assertThat(run(post("/signin"), (req, res) -> reached.incrementAndGet()).getStatus()).isEqualTo(200);
        assertThat(reached).hasValue(4);

        release.countDown();
        for (Future<MockHttpServletResponse> f : held) assertThat(f.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(run(post("/admin/signin"), (req, res) -> reached.incrementAndGet()).getStatus())
                .as("a place is free again once a sign-in ends").isEqualTo(200);

        audit.flush();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("operator.signin.busy");
            assertThat(e.details()).containsEntry("count", "3");
        });
    }

    @Test
    void aPlaceIsGivenBackWhenTheApplicationThrows() throws Exception {
        FilterChain failing = (req, res) -> {
            throw new IllegalStateException("boom");
        };
        for (int i = 0; i < 5; i++) {
            try {
                run(post("/admin/signin"), failing);
            } catch (IllegalStateException expected) {
                // the request failed; its place must not stay taken
            }
        }
        assertThat(run(post("/admin/signin"), (req, res) -> { }).getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletRequest post(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        return request;
    }

    private static MockHttpServletRequest get(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return request;
    }
}

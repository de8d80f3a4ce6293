package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The request limit is read per request: a lowered limit is never judged by a bucket made for the old one. */
class SignInRateLimitFilterTest {

    private final AtomicInteger limit = new AtomicInteger(1000);
    private final SignInRateLimitFilter filter = new SignInRateLimitFilter(limit::get);

    private int post(String client) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/sessions");
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, new MockFilterChain());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response.getStatus();
    }

    @Test
    void loweringTheLimitAppliesToTheNextRequestAndRaisingItLiftsIt() {
        for (int i = 0; i < 10; i++) assertThat(post("192.0.2.1")).isEqualTo(200);
        limit.set(2);
        assertThat(List.of(post("192.0.2.1"), post("192.0.2.1"), post("192.0.2.1"))).containsExactly(200, 200, 429);
        limit.set(3);
        assertThat(List.of(post("192.0.2.1"), post("192.0.2.1"), post("192.0.2.1"), post("192.0.2.1")))
                .containsExactly(200, 200, 200, 429);
    }

    @Test
    void requestsRacingWithALoweredLimitLeaveNoBucketOfTheOldLimitBehind() throws InterruptedException {
        for (int round = 0; round < 300; round++) {
            String client = "198.51.100." + (round % 250) + "-" + round;
            limit.set(1000);
            post("warm-up");
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < 3; i++) post(client);
                }));
            }
            start.countDown();
            limit.set(2);
            for (Thread t : threads) t.join();
            // under the limit of 2 (per minute), however the racing requests were counted, three more cannot all pass
            assertThat(List.of(post(client), post(client), post(client))).as("round " + round).contains(429);
        }
    }

    @Test
    void theSignInRateLimitCountsAPercentEncodedSessionsPath() throws Exception {
        SignInRateLimitFilter filter = new SignInRateLimitFilter(() -> 2);
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("/api/v1/%73essions", "/api/v1/sessions;x=1", "/api/v1/%73ession%73", "/%73ignin")) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(postFrom("192.0.2.9", path), response, new MockFilterChain());
            statuses.add(response.getStatus());
        }
        assertThat(statuses).containsExactly(200, 200, 429, 429);
    }

    private static MockHttpServletRequest postFrom(String client, String rawPath) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", rawPath);
        request.setRemoteAddr(client);
        return request;
    }
}

package org.vaultmail.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.auth.mfa.MfaDisabled;
import org.vaultmail.auth.mfa.MfaEnrolled;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.mfa.RecoveryCodeUsed;
import org.vaultmail.auth.session.RefreshTokenReused;
import org.vaultmail.auth.signin.SignInFailed;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.auth.signin.SignInSucceeded;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.MutableClock;

/**
 * The whole app on a random port with a fresh H2 data directory, a settable clock, and GreenMail
 * serving {@code example.test}; {@code down.test} points at a closed port (unreachable server).
 */
public abstract class AuthAppTestSupport {

    public static final GreenMailFixture MAIL = GreenMailFixture.start();
    public static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("vaultmail-auth-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class ClockConfig {
        @Bean
        @Primary
        public MutableClock testClock() {
            return new MutableClock();
        }

        @Bean
        public RecordedEvents recordedEvents() {
            return new RecordedEvents();
        }
    }

    /** Every auth event published, from any thread. */
    public static final class RecordedEvents {
        public final java.util.List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.event.EventListener({SignInSucceeded.class, SignInFailed.class, SessionRevoked.class,
                RefreshTokenReused.class, MfaEnrolled.class, MfaDisabled.class, MfaFailed.class, RecoveryCodeUsed.class,
                SignInLockoutStarted.class})
        public void on(Object event) {
            events.add(event);
        }
    }

    @DynamicPropertySource
    public static void properties(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.data-dir", DATA_DIR::toString);
        appProperties(registry);
    }

    /** Everything but the data directory, for tests that need one of their own (and their own throttling). */
    public static void appProperties(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.mail.connect-timeout", () -> "2s");
        registry.add("vaultmail.mail.read-timeout", () -> "5s");
        // the test classes here sign in from 127.0.0.1 into one shared H2 directory: per-client throttling
        // and request limits would couple them, so they are off (SignInThrottleTest has its own directory)
        registry.add("vaultmail.auth.throttle.client-failures", () -> "1000000");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        MAIL.registerDomain(registry, 0, "example.test");
        int closed = closedPort();
        registry.add("vaultmail.domains[1].domain", () -> "down.test");
        registry.add("vaultmail.domains[1].imap.host", () -> "127.0.0.1");
        registry.add("vaultmail.domains[1].imap.port", () -> Integer.toString(closed));
        registry.add("vaultmail.domains[1].imap.security", () -> "plain");
        registry.add("vaultmail.domains[1].smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.domains[1].smtp.port", () -> Integer.toString(closed));
        registry.add("vaultmail.domains[1].smtp.security", () -> "plain");
    }

    @LocalServerPort
    public int port;

    @Autowired
    public MutableClock clock;

    public HttpCalls http;

    public HttpCalls http() {
        if (http == null) http = new HttpCalls(port);
        return http;
    }

    /** A new GreenMail user with a unique address; returns the address. */
    public static String newUser(String password) {
        String address = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, password);
        return address;
    }

    public HttpCalls.Reply signIn(String address, String password) {
        return http().send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

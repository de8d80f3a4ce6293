package org.vaultmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** For {@link DemoAppTest}: free loopback ports for the demo mail server and a fresh data directory. */
public final class DemoAppInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Map<String, Object> props = Map.of(
                    "vaultmail.demo.imap-port", freePort(),
                    "vaultmail.demo.smtp-port", freePort(),
                    "vaultmail.data-dir", Files.createTempDirectory("vaultmail-e2e-").toString());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demo-app-test", props));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago on 127.0.0.1 (the OS hands out ephemeral ports round-robin). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package org.vaultmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** For {@link DemoAppTest}: any free ports for the demo mail server (0) and a fresh data directory. */
public final class DemoAppInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Map<String, Object> props = Map.of(
                    "vaultmail.demo.imap-port", 0,
                    "vaultmail.demo.smtp-port", 0,
                    "vaultmail.data-dir", Files.createTempDirectory("vaultmail-e2e-").toString());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demo-app-test", props));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

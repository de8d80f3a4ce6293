package org.vaultmail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * {@code VAULTMAIL_X_FILE=/run/secrets/x} means {@code VAULTMAIL_X=<contents of the file>} (trailing line
 * breaks removed), the convention of Docker and Kubernetes secrets: the secret stays out of the process
 * environment. Names that already mean a path ({@code VAULTMAIL_KEYSET_FILE}) are left alone. Setting
 * both {@code VAULTMAIL_X} and {@code VAULTMAIL_X_FILE} is an error.
 */
class FileSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "vaultmailFileSecrets";

    /** Variables whose value is itself a path that Vaultmail opens, not a secret to inline. */
    static final Set<String> PATH_VARIABLES = Set.of("VAULTMAIL_KEYSET_FILE", "VAULTMAIL_VAULT_KEYSET_FILE");

    @Override
    public int getOrder() {
        // before config data is processed, so VAULTMAIL_X from a file can be used like any other variable
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PropertySource<?> env = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (!(env != null && env.getSource() instanceof Map<?, ?> variables)) return;
        Map<String, Object> secrets = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!name.startsWith("VAULTMAIL_") || !name.endsWith("_FILE") || PATH_VARIABLES.contains(name)) return;
            String target = name.substring(0, name.length() - "_FILE".length());
            if (variables.containsKey(target)) {
                throw new IllegalStateException("Set either " + target + " or " + name + ", not both");
            }
            secrets.put(target, read(name, Path.of(String.valueOf(v))));
        });
        if (!secrets.isEmpty()) {
            environment.getPropertySources().addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(SOURCE_NAME, secrets));
        }
    }

    private static String read(String variable, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(variable + ": cannot read " + file, e);
        }
    }
}

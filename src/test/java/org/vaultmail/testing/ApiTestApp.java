package org.vaultmail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.vaultmail.testing.HttpCalls.Reply;

/** The whole app started for API tests: its properties, and signing in for a bearer token as a script would. */
public final class ApiTestApp {

    private ApiTestApp() {}

    /** A fresh data directory, no scheduler, no request throttle (tests call faster than a person); mail domains are the caller's. */
    public static void register(DynamicPropertyRegistry registry, String dataDirPrefix) throws IOException {
        Path dataDir = Files.createTempDirectory(dataDirPrefix);
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
    }

    /** {@code POST /api/v1/sessions} with address and password; the session must be created (201). Returns its access token. */
    public static String signIn(HttpCalls http, String address, String password) {
        Reply signIn = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password));
        assertThat(signIn.status()).isEqualTo(201);
        return signIn.json().get("accessToken").asString();
    }
}

package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vaultmail.testing.DemoAppTest;
import org.vaultmail.testing.HttpCalls;

/** The demo's accounts sign in against the demo's own mail server, and the home page links to sign-in. */
@DemoAppTest
class DemoSignInTest {

    @LocalServerPort
    int port;

    @Test
    void demoAccountSignsInWithTheAdvertisedPassword() {
        HttpCalls http = new HttpCalls(port);

        HttpCalls.Reply ok = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", "alice@demo.test", "password", "alice"));
        HttpCalls.Reply wrong = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", "bob@demo.test", "password", "alice"));

        assertThat(ok.status()).isEqualTo(201);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(http.get("/").body()).contains("href=\"/signin\"");
    }
}

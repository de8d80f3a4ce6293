package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** Behind a trusted loopback proxy, the session records the client from X-Forwarded-For, and HTTPS from X-Forwarded-Proto. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class TrustedProxyTest extends AuthAppTestSupport {

    @DynamicPropertySource
    static void proxies(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.web.trusted-proxies", () -> "127.0.0.1,::1");
    }

    @Test
    void forwardedForFromATrustedLoopbackProxyIsTheSessionsClientAddress() {
        String address = newUser("pw");
        Reply signedIn = http().send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw"),
                "X-Forwarded-For", "192.0.2.66, 203.0.113.9");

        Reply list = http().get("/api/v1/sessions", "Authorization", bearer(signedIn.json().get("accessToken").asString()));
        assertThat(list.json().get(0).get("clientAddress").asString()).isEqualTo("203.0.113.9");
    }

    @Test
    void forwardedProtoHttpsFromATrustedProxyGetsHsts() {
        assertThat(http().get("/signin", "X-Forwarded-Proto", "https").header("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000 ; includeSubDomains");
    }
}

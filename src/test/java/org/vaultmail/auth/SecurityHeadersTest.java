package org.vaultmail.auth;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vaultmail.VaultmailApplication;

/** Headers that only HTTPS requests get (HSTS), checked with a request marked secure. */
@SpringBootTest(classes = VaultmailApplication.class)
@AutoConfigureMockMvc
class SecurityHeadersTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("vaultmail-headers-test-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
    }

    @Autowired
    MockMvc mvc;

    @Test
    void httpsResponsesCarryHstsForAYearIncludingSubdomains() throws Exception {
        mvc.perform(get("/").secure(true))
                .andExpect(header().string("Strict-Transport-Security", allOf(containsString("max-age=31536000"),
                        containsString("includeSubDomains"))))
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CSP))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    @Test
    void theCspForbidsPluginsExplicitly() throws Exception {
        mvc.perform(get("/signin"))
                .andExpect(header().string("Content-Security-Policy", containsString("object-src 'none'")));
        mvc.perform(get("/admin/signin"))
                .andExpect(header().string("Content-Security-Policy", containsString("object-src 'none'")));
    }

    @Test
    void plainHttpResponsesCarryNoHsts() throws Exception {
        mvc.perform(get("/")).andExpect(header().doesNotExist("Strict-Transport-Security"));
    }
}

package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.vaultmail.testing.Browser;

import com.sun.net.httpserver.HttpServer;

/**
 * Step 0 of issue 16 (ADR 0048, "PRF on this machine's Chromium"): does this machine's Chromium virtual authenticator answer the
 * WebAuthn PRF extension? A bare page on localhost (a secure context) runs create() and get() with PRF inputs;
 * the test records what came back. If a Chromium update changes the answer, this test says so.
 */
@Tag("e2e")
class VirtualAuthenticatorPrfProbeTest {

    private static final String PAGE = """
            <!doctype html><title>prf probe</title><script>
            const b64 = a => btoa(String.fromCharCode(...new Uint8Array(a)));
            window.probe = async () => {
              const salt = new Uint8Array(32).fill(7);
              const out = {};
              const c = await navigator.credentials.create({publicKey: {
                rp: {name: 'probe', id: 'localhost'}, user: {id: new Uint8Array(16).fill(1), name: 'p', displayName: 'p'},
                challenge: new Uint8Array(32).fill(2), pubKeyCredParams: [{type: 'public-key', alg: -7}],
                authenticatorSelection: {residentKey: 'required', userVerification: 'required'},
                extensions: {prf: {eval: {first: salt}}}}});
              const ce = c.getClientExtensionResults();
              out.createEnabled = ce.prf ? ce.prf.enabled : null;
              out.createFirst = ce.prf && ce.prf.results ? b64(ce.prf.results.first) : null;
              const a = await navigator.credentials.get({publicKey: {challenge: new Uint8Array(32).fill(3), rpId: 'localhost',
                userVerification: 'required', extensions: {prf: {eval: {first: salt}}}}});
              const ae = a.getClientExtensionResults();
              out.getFirst = ae.prf && ae.prf.results ? b64(ae.prf.results.first) : null;
              const a2 = await navigator.credentials.get({publicKey: {challenge: new Uint8Array(32).fill(4), rpId: 'localhost',
                userVerification: 'required', extensions: {prf: {eval: {first: new Uint8Array(32).fill(8)}}}}});
              const ae2 = a2.getClientExtensionResults();
              out.getOtherSalt = ae2.prf && ae2.prf.results ? b64(ae2.prf.results.first) : null;
              return JSON.stringify(out);
            };
            </script>""";

    @Test
    void virtualAuthenticatorWithPrfReturnsStablePrfResultsOnCreateAndGet() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Browser browser = Browser.launch()) {
            ChromeDriver driver = (ChromeDriver) browser.driver();
            driver.get("http://localhost:" + server.getAddress().getPort() + "/");
            driver.executeCdpCommand("WebAuthn.enable", Map.of());
            driver.executeCdpCommand("WebAuthn.addVirtualAuthenticator", Map.of("options", Map.of(
                    "protocol", "ctap2", "ctap2Version", "ctap2_1", "transport", "internal",
                    "hasResidentKey", true, "hasUserVerification", true, "isUserVerified", true,
                    "hasPrf", true, "automaticPresenceSimulation", true)));
            String result = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "window.probe().then(done, e => done('error: ' + e.name + ': ' + e.message));");
            System.out.println("PRF probe, " + driver.getCapabilities().getBrowserVersion() + ": " + result);
            assertThat(result).doesNotStartWith("error");
            Map<?, ?> out = tools.jackson.databind.json.JsonMapper.builder().build().readValue(result, Map.class);
            assertThat(out.get("createEnabled")).isEqualTo(true);
            assertThat(out.get("getFirst")).as("PRF output at get()").isNotNull();
            assertThat(out.get("getOtherSalt")).as("another salt, another output").isNotEqualTo(out.get("getFirst"));
        } finally {
            server.stop(0);
        }
    }
}

package org.vaultmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoint URLs pass the image proxy's destination checks; allowed-internal permits exactly the listed host:port. */
class WebhookDestinationsTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebind.example.com", "127.0.0.1",
            "internal.example.com", "10.1.2.3",
            "mixed.example.com", "93.184.216.34");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("mixed.example.com")) {
            return new InetAddress[]{InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.1.1")};
        }
        String ip = DNS.get(host);
        if (ip == null) {
            if (host.equals("localhost")) return InetAddress.getAllByName("localhost");
            throw new UnknownHostException();
        }
        return new InetAddress[]{InetAddress.getByName(ip)};
    }

    private final WebhookDestinations destinations = new WebhookDestinations(
            List.of("127.0.0.1:8999", "[::1]:9000", "Builds.Internal.Example.com:8080"), WebhookDestinationsTest::resolve);

    @Test
    void aPublicHttpsUrlIsAcceptedWithItsResolvedAddress() {
        WebhookDestinations.Vetted vetted = destinations.vet("https://hooks.example.com/vaultmail?token=x");
        assertThat(vetted.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
        assertThat(vetted.target().uri().toString()).isEqualTo("https://hooks.example.com/vaultmail?token=x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data", "https://10.0.0.1/hook", "https://[::1]/hook",
            "https://localhost/hook", "https://rebind.example.com/hook", "https://internal.example.com/hook",
            "https://mixed.example.com/hook", "https://127.0.0.1:8998/hook", "https://[::ffff:127.0.0.1]/hook",
            "https://[fd00::1]/hook", "https://0177.0.0.1/hook", "https://2130706433/hook", "https://user:pw@hooks.example.com/"})
    void internalAndAmbiguousDestinationsAreRefused(String url) {
        assertThatThrownBy(() -> destinations.vet(url)).isInstanceOf(WebhookUrlException.class)
                .message().doesNotContain("127.0.0.1").doesNotContain("10.1.2.3").doesNotContain("192.168");
    }

    @Test
    void httpIsRefusedForPublicHosts() {
        assertThatThrownBy(() -> destinations.vet("http://hooks.example.com/hook")).isInstanceOf(WebhookUrlException.class)
                .hasMessageContaining("https");
    }

    @Test
    void allowedInternalPermitsExactlyTheListedHostAndPortEvenOverHttp() {
        assertThat(destinations.vet("http://127.0.0.1:8999/hook").addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
        assertThat(destinations.vet("https://[::1]:9000/hook").addresses()).hasSize(1);
        assertThatThrownBy(() -> destinations.vet("http://127.0.0.1:9000/hook")).isInstanceOf(WebhookUrlException.class);
        assertThatThrownBy(() -> destinations.vet("http://127.0.0.2:8999/hook")).isInstanceOf(WebhookUrlException.class);
        assertThatThrownBy(() -> destinations.vet("http://localhost:8999/hook")).as("another name for the same address")
                .isInstanceOf(WebhookUrlException.class);
    }

    @Test
    void unresolvableHostsAreRefused() {
        assertThatThrownBy(() -> destinations.vet("https://nowhere.example.com/")).isInstanceOf(WebhookUrlException.class)
                .hasMessageContaining("resolved");
    }
}

package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** The address policy: every non-public class is refused, after DNS resolution, in every spelling. */
class PublicDestinationsTest {

    private final PublicDestinations policy = new PublicDestinations();

    @ParameterizedTest
    @ValueSource(strings = {
            // loopback, any-local, private, CGNAT, link-local (cloud metadata), multicast, broadcast, reserved
            "http://127.0.0.1/", "http://127.8.9.10/", "http://0.0.0.0/", "http://0.1.2.3/",
            "http://10.0.0.1/", "http://10.255.255.255/", "http://172.16.0.1/", "http://172.31.255.255/",
            "http://192.168.1.1/", "http://100.64.0.1/", "http://100.127.255.255/",
            "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/",
            "http://224.0.0.1/", "http://239.255.255.250/", "http://255.255.255.255/", "http://240.0.0.1/",
            "http://192.0.0.1/", "http://192.0.2.1/", "http://198.18.0.1/", "http://198.51.100.7/", "http://203.0.113.9/",
            // IPv6 loopback, unspecified, link-local, unique-local, multicast, site-local, documentation
            "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[febf::1]/", "http://[fc00::1]/",
            "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[fec0::1]/", "http://[2001:db8::1]/", "http://[100::1]/",
            // IPv4 hidden in IPv6: mapped, compatible, 6to4, NAT64, Teredo
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:10.0.0.1]/",
            "http://[::ffff:169.254.169.254]/", "http://[::127.0.0.1]/", "http://[::10.0.0.1]/",
            "http://[2002:7f00:1::1]/", "http://[2002:a9fe:a9fe::1]/", "http://[2002:c0a8:101::]/",
            "http://[64:ff9b::127.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://[64:ff9b:1::8.8.8.8]/",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    })
    void nonPublicAddressesAreRefused(String url) {
        assertRefused(url, HttpStatus.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://8.8.8.8/", "https://1.1.1.1/x.png", "http://172.32.0.1/", "http://172.15.255.255/",
            "http://100.128.0.1/", "http://100.63.255.255/", "http://169.255.0.1/", "http://11.0.0.1/",
            "http://223.255.255.255/", "http://[2606:4700:4700::1111]/", "http://[2a00:1450:4001::200e]/",
            "http://[::ffff:8.8.8.8]/", "http://[2002:808:808::1]/", "http://[64:ff9b::8.8.8.8]/",
            "https://8.8.8.8:80/", "http://8.8.8.8:443/",
    })
    void publicAddressesOnStandardPortsAreAllowed(String url) {
        assertThat(policy.vet(RemoteUrl.parse(url))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8:8080/", "http://8.8.8.8:22/", "https://8.8.8.8:8443/", "http://8.8.8.8:25/"})
    void nonStandardPortsAreRefused(String url) {
        assertRefused(url, HttpStatus.FORBIDDEN);
    }

    @Test
    void aDnsNameResolvingToLoopbackIsRefused() {
        assertRefused("http://localhost/", HttpStatus.FORBIDDEN);
        assertRefused("http://LocalHost/", HttpStatus.FORBIDDEN);
        // a fully qualified name with its trailing dot is not accepted at all
        assertRefused("http://localhost./", HttpStatus.BAD_REQUEST);
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIsNotPublic() throws Exception {
        PublicDestinations fake = new PublicDestinations(fakeDns(Map.of(
                "public.example", new InetAddress[] {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("2606:4700::1")},
                "mixed.example", new InetAddress[] {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.1.2.3")},
                "metadata.example", new InetAddress[] {InetAddress.getByName("169.254.169.254")},
                // an AAAA record holding an IPv4-mapped loopback, kept as an Inet6Address
                "mapped.example", new InetAddress[] {Inet6Address.getByAddress(null,
                        new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, -1)})));

        assertThat(fake.vet(RemoteUrl.parse("https://public.example/a.png"))).hasSize(2);
        for (String host : new String[] {"mixed.example", "metadata.example", "mapped.example"}) {
            assertThatThrownBy(() -> fake.vet(RemoteUrl.parse("https://" + host + "/a.png")))
                    .isInstanceOfSatisfying(RemoteContentException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
    }

    @Test
    void refusalsDoNotNameTheResolvedAddress() throws Exception {
        PublicDestinations fake = new PublicDestinations(fakeDns(Map.of(
                "internal.example", new InetAddress[] {InetAddress.getByName("10.20.30.40")})));

        assertThatThrownBy(() -> fake.vet(RemoteUrl.parse("http://internal.example/")))
                .isInstanceOf(RemoteContentException.class)
                .message().doesNotContain("10.20.30.40").doesNotContain("internal.example");
    }

    @Test
    void anUnknownHostIsABadGateway() throws Exception {
        PublicDestinations fake = new PublicDestinations(fakeDns(Map.of()));

        assertThatThrownBy(() -> fake.vet(RemoteUrl.parse("http://nowhere.example/")))
                .isInstanceOfSatisfying(RemoteContentException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_GATEWAY));
    }

    private void assertRefused(String url, HttpStatus status) {
        assertThatThrownBy(() -> policy.vet(RemoteUrl.parse(url)))
                .as(url)
                .isInstanceOfSatisfying(RemoteContentException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static PublicDestinations.Resolver fakeDns(Map<String, InetAddress[]> records) {
        return host -> {
            InetAddress[] found = records.get(host);
            if (found == null) throw new UnknownHostException(host);
            return found;
        };
    }
}

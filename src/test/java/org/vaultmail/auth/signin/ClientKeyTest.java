package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 12, item 9: how throttles name a client. */
class ClientKeyTest {

    private final ClientKeys keys = new ClientKeys(64);

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(keys.of("192.0.2.7").asString()).isEqualTo("192.0.2.7");
        assertThat(keys.of("192.0.2.7")).isNotEqualTo(keys.of("192.0.2.8"));
    }

    @Test
    void anIpv6AddressIsKeyedByItsSlash64InCompressedForm() {
        assertThat(keys.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd").asString()).isEqualTo("2001:db8:1:2::/64");
        assertThat(keys.of("2001:0DB8:0001:0002::1")).isEqualTo(keys.of("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(keys.of("2001:db8:1:3::1")).isNotEqualTo(keys.of("2001:db8:1:2::1"));
        assertThat(keys.of("::1").asString()).isEqualTo("::/64");
        assertThat(keys.of("[2001:db8::5]").asString()).isEqualTo("2001:db8::/64");
    }

    @Test
    void thePrefixLengthIsConfigurable() {
        assertThat(new ClientKeys(48).of("2001:db8:1:2::1").asString()).isEqualTo("2001:db8:1::/48");
        assertThat(new ClientKeys(56).of("2001:db8:1:2ff::1").asString()).isEqualTo("2001:db8:1:200::/56");
        assertThat(new ClientKeys(128).of("2001:db8:0:0:1:0:0:1").asString()).isEqualTo("2001:db8::1:0:0:1");
        assertThatThrownBy(() -> new ClientKeys(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientKeys(129)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() {
        assertThat(keys.of("::ffff:192.0.2.7").asString()).isEqualTo("192.0.2.7");
    }

    @Test
    void somethingThatIsNotAnAddressIsKeptAsItIsButCutAndNoNameIsLookedUp() {
        assertThat(keys.of("localhost").asString()).isEqualTo("localhost");
        assertThat(keys.of("x".repeat(100)).asString()).hasSize(64);
        assertThat(keys.of(null)).isNull();
    }
}

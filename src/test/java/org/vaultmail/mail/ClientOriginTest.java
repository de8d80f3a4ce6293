package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The client's address goes to the IMAP server only as a normalised IP literal (never a name, never header text). */
class ClientOriginTest {

    @Test
    void theIdFieldsAreTheOnesDovecotReadsFromTrustedNetworks() {
        ClientOrigin origin = ClientOrigin.of("2001:db8::1", 51234, "127.0.0.1").orElseThrow();

        assertThat(origin.idFields()).isEqualTo(Map.of("x-originating-ip", "2001:db8:0:0:0:0:0:1",
                "x-originating-port", "51234", "x-connected-ip", "127.0.0.1"));
    }

    @Test
    void anUnknownPortIsLeftOut() {
        assertThat(ClientOrigin.of("198.51.100.7", 0, null).orElseThrow().idFields())
                .isEqualTo(Map.of("x-originating-ip", "198.51.100.7"));
    }

    @Test
    void somethingThatIsNotAnIpLiteralIsNotSent() {
        assertThat(ClientOrigin.of("evil\") LOGIN x y", 1, null)).isEmpty();
        assertThat(ClientOrigin.of("mail.example.org", 1, null)).isEmpty();
        assertThat(ClientOrigin.of(null, 1, null)).isEmpty();
    }

    @Test
    void theOriginIsBoundOnlyWhileTheWorkRuns() throws Exception {
        ClientOrigin origin = ClientOrigin.of("192.0.2.1", 0, null).orElseThrow();

        assertThat(origin.during(ClientOrigin::current)).contains(origin);
        assertThat(ClientOrigin.current()).isEmpty();
    }
}

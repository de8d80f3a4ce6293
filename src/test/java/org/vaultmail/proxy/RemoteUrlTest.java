package org.vaultmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** URL parsing: only plain absolute http(s) URLs with an unambiguous host get as far as DNS. */
class RemoteUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // numeric host forms that some parsers read as 127.0.0.1 (octal, decimal, hex, short)
            "http://0177.0.0.1/", "http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://127.1/",
            "http://127.0.0.01/", "http://017700000001/", "http://127.0.1/", "http://1.2.3.4.5/", "http://256.0.0.1/",
            "http://example.0x10/",
            // other schemes, no host, user info, relative, IPv6 zone ids, names in brackets
            "ftp://example.com/a.png", "file:///etc/passwd", "javascript:alert(1)", "gopher://example.com/",
            "data:image/png;base64,AAAA", "http:///a.png", "http:example.com/a.png", "/relative.png", "//example.com/a.png",
            "http://user:secret@example.com/a.png", "http://user@8.8.8.8/", "http://example.com@127.0.0.1/",
            "http://[fe80::1%25eth0]/", "http://[example.com]/", "http://[127.0.0.1]/", "http://exa mple.com/",
            "http://-example.com/", "",
    })
    void ambiguousOrForeignUrlsAreInvalid(String url) {
        assertThatThrownBy(() -> RemoteUrl.parse(url))
                .as(url)
                .isInstanceOfSatisfying(RemoteContentException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void aVeryLongUrlIsInvalid() {
        assertThatThrownBy(() -> RemoteUrl.parse("https://example.com/" + "a".repeat(RemoteUrl.MAX_LENGTH)))
                .isInstanceOf(RemoteContentException.class);
    }

    @Test
    void aPlainUrlKeepsItsPathAndQueryAndDropsTheFragment() {
        RemoteUrl url = RemoteUrl.parse("HTTPS://Images.Example.COM/p/a%20b.png?w=10&sig=x%2By#frag");

        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.host()).isEqualTo("images.example.com");
        assertThat(url.port()).isEqualTo(443);
        assertThat(url.literal()).isNull();
        assertThat(url.uri().toString()).isEqualTo("https://images.example.com/p/a%20b.png?w=10&sig=x%2By");
    }

    @Test
    void ipLiteralsAreParsedWithoutDns() {
        assertThat(RemoteUrl.parse("http://8.8.8.8:8080/").literal()).hasToString("/8.8.8.8");
        RemoteUrl v6 = RemoteUrl.parse("http://[2606:4700::1111]/x");
        assertThat(v6.host()).isEqualTo("2606:4700::1111");
        assertThat(v6.port()).isEqualTo(80);
        assertThat(v6.literal()).isNotNull();
    }

    @Test
    void redirectsResolveRelativeLocationsAndAreParsedAgain() {
        RemoteUrl base = RemoteUrl.parse("https://example.com/a/b.png");

        assertThat(base.redirect("../c.png").uri()).hasToString("https://example.com/c.png");
        assertThat(base.redirect("//cdn.example.net/d.png").host()).isEqualTo("cdn.example.net");
        assertThat(base.redirect("http://127.0.0.1/").literal()).isNotNull();
        for (String location : new String[] {"file:///etc/passwd", "http://0177.0.0.1/", "http://user:pw@example.com/"}) {
            assertThatThrownBy(() -> base.redirect(location))
                    .isInstanceOfSatisfying(RemoteContentException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_GATEWAY));
        }
    }
}

package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.Sort;

class ListParamsTest {

    @Test
    void unknownValuesFallBackToNewestFirst() {
        ListParams p = ListParams.of("bogus';", "sideways", null);
        assertThat(p.sortOrder()).isEqualTo(Sort.DATE);
        assertThat(p.descending()).isTrue();
        assertThat(p.query()).isEmpty();
    }

    @Test
    void theQueryStringKeepsOnlyWhatDiffersFromTheDefaultsEncoded() {
        ListParams p = ListParams.of("SUBJECT", "asc", " from:ann \"a b\" ");
        assertThat(p.query(50)).isEqualTo("?sort=subject&order=asc&q=from%3Aann%20%22a%20b%22&offset=50");
        assertThat(MailUrls.message("Archive/2024", 7, p)).startsWith("/mail/Archive%2F2024/7?sort=subject");
    }
}

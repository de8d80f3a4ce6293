package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.SearchQuery;

class SearchQueryParserTest {

    @Test
    void blankIsNoSearch() {
        assertThat(SearchQueryParser.parse(null)).isNull();
        assertThat(SearchQueryParser.parse("   ")).isNull();
    }

    @Test
    void keysAndFreeText() {
        SearchQuery q = SearchQueryParser.parse("from:ann subject:\"weekly report\" is:unread is:flagged has:attachment "
                + "after:2024-01-31 before:2024-03-01 to:bob budget  plan");
        assertThat(q).isNotNull();
        assertThat(q.from()).isEqualTo("ann");
        assertThat(q.to()).isEqualTo("bob");
        assertThat(q.subject()).isEqualTo("weekly report");
        assertThat(q.unread()).isTrue();
        assertThat(q.flagged()).isTrue();
        assertThat(q.hasAttachment()).isTrue();
        assertThat(q.since()).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(q.before()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(q.text()).isEqualTo("budget plan");
    }

    @Test
    void nothingTypedIsDropped() {
        SearchQuery q = SearchQueryParser.parse("is:whatever after:yesterday \"two words\"");
        assertThat(q).isNotNull();
        assertThat(q.text()).isEqualTo("is:whatever after:yesterday two words");
        assertThat(q.since()).isNull();
    }

    @Test
    void imapSyntaxIsJustText() {
        SearchQuery q = SearchQueryParser.parse("x\") UID 1:* (FLAGS");
        assertThat(q).isNotNull();
        assertThat(q.text()).contains("UID 1:*");
    }
}

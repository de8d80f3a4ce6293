package org.vaultmail.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which language a request gets from its Accept-Language header, and how sizes read in each language. */
class LanguagesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                           | en
            ''                          | en
            de                          | de
            de-CH                       | de
            fr-CA,fr;q=0.9              | fr
            es,it;q=0.8                 | en
            es,fr;q=0.5,de;q=0.7        | de
            en-GB,de;q=0.9              | en
            ;;;garbage                  | en
            """)
    void acceptLanguagePicksTheBestSupportedLanguageElseEnglish(String header, String expected) {
        assertThat(Languages.forAcceptLanguage(header).getLanguage()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            512        | en | 512 B
            1536       | en | 2 KB
            1572864    | en | 1.5 MB
            1572864    | de | 1,5 MB
            1572864    | fr | 1,5 Mo
            1022       | fr | 1\u202f022 o
            3221225472 | de | 3,00 GB
            """)
    void sizesReadInTheLanguage(long bytes, String language, String expected) {
        assertThat(ByteSizes.format(bytes, Locale.forLanguageTag(language))).isEqualTo(expected);
    }
}

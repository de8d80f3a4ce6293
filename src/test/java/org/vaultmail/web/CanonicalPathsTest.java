package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request paths are canonical (ADR 0024): folder names keep their encoded characters, disguises do not pass. */
class CanonicalPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/signin", "/signin/code", "/api/v1/sessions", "/admin", "/actuator/health",
            "/mail/INBOX", "/mail/INBOX/42/frame", "/mail/Archive%2F2024", "/mail/Archive%2f2024/7",
            "/mail/50%25%20off", "/mail/%C3%9Cbersicht/3", "/mail/INBOX.Sent.2024", "/mail/~home", "/mail/a%3Bb",
            "/mail/Q&A%20(old)", "/api/v1/folders/Archive%2F2024/messages/7/attachments/1.2", "/api/v1/folders/SIGNIN/messages",
            "/mail/Signin", "/mail/FRAME/1", "/mail/a%2F1%2Fframe", "/settings/remote-content/senders/ann@example.test",
            "/webjars/htmx.org/2.0.4/dist/htmx.min.js", "/css/app.css"})
    void theseAreCanonical(String path) {
        assertThat(CanonicalPaths.problem(path)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/%73ignin                  | ENCODED_UNRESERVED",
            "/api/v1/%73essions         | ENCODED_UNRESERVED",
            "/mail/%49NBOX              | ENCODED_UNRESERVED",
            "/mail/a%7Eb                | ENCODED_UNRESERVED",
            "/x/%2e%2e/signin           | ENCODED_UNRESERVED",
            "/signin%zz                 | INVALID_ESCAPE",
            "/signin%                   | INVALID_ESCAPE",
            "/signin%4                  | INVALID_ESCAPE",
            "/x/%C0%AE%C0%AE/signin     | INVALID_ESCAPE",
            "/mail/%FF                  | INVALID_ESCAPE",
            "/signin%00                 | CONTROL",
            "/signin%0A                 | CONTROL",
            "/mail/INBOX%7F             | CONTROL",
            "/signin;jsessionid=1       | PARAMETER",
            "/api;x/v1/sessions         | PARAMETER",
            "/signin%5C                 | BACKSLASH",
            "/signin\\                  | BACKSLASH",
            "//signin                   | EMPTY_SEGMENT",
            "/api/v1//sessions          | EMPTY_SEGMENT",
            "/signin/                   | EMPTY_SEGMENT",
            "/./signin                  | DOT_SEGMENT",
            "/mail/../signin            | DOT_SEGMENT",
            "/signin/.                  | DOT_SEGMENT",
            "/SIGNIN                    | NOT_THE_ROUTE",
            "/Api/v1/sessions           | NOT_THE_ROUTE",
            "/api/v1/SESSIONS           | NOT_THE_ROUTE",
            "/api/V1/sessions/refresh   | NOT_THE_ROUTE",
            "/ADMIN                     | NOT_THE_ROUTE",
            "/Admin/signin              | NOT_THE_ROUTE",
            "/admin/SIGNIN              | NOT_THE_ROUTE",
            "/settings/Security         | NOT_THE_ROUTE",
            "/Actuator/health           | NOT_THE_ROUTE",
            "/mail/INBOX/1/FRAME        | NOT_THE_ROUTE",
            "/api/v1%2Fsessions         | NOT_THE_ROUTE",
            "/api/v1/%2Fsessions        | NOT_THE_ROUTE",
            "/signin%2Fcode             | NOT_THE_ROUTE",
            "/%2Fsignin                 | NOT_THE_ROUTE",
            "/mail%2FINBOX              | NOT_THE_ROUTE",
            "/%C3%A9                    | NOT_THE_ROUTE",
            "/sign\u00e9in              | RAW_CHARACTER",
            "/mail/a b                  | RAW_CHARACTER",
            "/mail/a^b                  | RAW_CHARACTER",
            "*                          | NO_SLASH"})
    void theseAreRefusedSayingWhy(String path, String why) throws ReflectiveOperationException {
        assertThat(CanonicalPaths.problem(path)).as(path).isEqualTo(CanonicalPaths.class.getDeclaredField(why).get(null));
    }
}

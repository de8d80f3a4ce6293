package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.i18n.InputRefused;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * Input the features refuse (i18n.InputRefused, ADR 0052 amendment "API input refusals") is a problem detail in the
 * language of {@code Accept-Language}, through the reading, organising and compose APIs alike (web.ApiProblems);
 * English stays word for word what the API answered before, and the exception's own message stays English.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputRefusalLanguagesTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Input-Refusal-Canary-7be21c04";
    static final String ADDRESS = "input-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    private static final Pattern TITLE = Pattern.compile("\"title\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DETAIL = Pattern.compile("\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-input-refusal-languages-test-");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @LocalServerPort
    int port;

    RawHttp raw;
    String bearer;

    @BeforeAll
    void signIn() {
        MAIL.createUser(ADDRESS, PASSWORD);
        bearer = ApiTestApp.signIn(new HttpCalls(port), ADDRESS, PASSWORD);
        raw = new RawHttp(port);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            reading limit          | en | limit must be between 1 and 200
            reading limit          | de | limit muss zwischen 1 und 200 liegen
            reading limit          | fr | limit doit être compris entre 1 et 200
            reading sort           | en | sort must be one of date, arrival, from, subject, size
            reading sort           | de | sort muss date, arrival, from, subject oder size sein
            reading sort           | fr | sort doit valoir date, arrival, from, subject ou size
            reading order          | de | order muss asc oder desc sein
            reading order          | fr | order doit valoir asc ou desc
            reading offset         | de | offset muss 0 oder größer sein
            reading blank query    | en | q must not be blank
            reading blank query    | de | q darf nicht leer sein
            reading blank query    | fr | q ne doit pas être vide
            reading search limit   | fr | limit doit être compris entre 1 et 200
            reading unknown flag   | en | unknown flag: sparkly (seen, flagged, answered, draft)
            reading unknown flag   | de | Unbekannte Markierung: sparkly (seen, flagged, answered, draft)
            reading unknown flag   | fr | Indicateur inconnu : sparkly (seen, flagged, answered, draft)
            reading deleted flag   | en | deleted is set by deleting a message
            reading deleted flag   | de | deleted wird durch Löschen der Nachricht gesetzt
            reading sender         | de | Keine E-Mail-Adresse: nobody
            reading sender         | fr | Ce n’est pas une adresse e-mail : nobody
            organise folder name   | en | path must not contain * or %
            organise folder name   | de | path darf weder * noch % enthalten
            organise folder name   | fr | path ne doit contenir ni * ni %
            organise folder levels | de | path darf nicht mit . beginnen oder enden und keine leere Ebene enthalten
            organise folder levels | fr | path ne doit ni commencer ni finir par ., ni contenir de niveau vide
            organise rename        | de | Geben Sie path oder subscribed an
            organise empty inbox   | en | Only the Trash and Junk folders are emptied; INBOX is neither
            organise empty inbox   | de | Nur der Papierkorb und der Spam-Ordner werden geleert; INBOX ist keiner von beiden
            organise empty inbox   | fr | Seuls la corbeille et le dossier des indésirables sont vidés ; INBOX n’est ni l’un ni l’autre
            organise action        | en | action must be one of seen, unseen, flag, unflag, move, copy, delete, archive, junk
            organise action        | de | action muss seen, unseen, flag, unflag, move, copy, delete, archive oder junk sein
            organise action        | fr | action doit valoir seen, unseen, flag, unflag, move, copy, delete, archive ou junk
            organise no uids       | de | uids muss mindestens eine Nachricht nennen, oder all muss true sein
            organise no uids       | fr | uids doit désigner au moins un message, ou all doit valoir true
            organise uid range     | de | uids sind 32-Bit-Zahlen größer als 0
            organise permanent     | fr | permanent ne s’applique qu’à delete
            compose contacts limit | de | limit muss zwischen 1 und 50 liegen
            compose contacts limit | fr | limit doit être compris entre 1 et 50
            """)
    void refusedInputIsToldInTheRequestsLanguage(String kind, String language, String detail) {
        RawHttp.Response r = switch (kind.strip()) {
            case "reading limit" -> api("GET", "/api/v1/folders/INBOX/messages?limit=0", language, "");
            case "reading sort" -> api("GET", "/api/v1/folders/INBOX/messages?sort=colour", language, "");
            case "reading order" -> api("GET", "/api/v1/folders/INBOX/messages?order=sideways", language, "");
            case "reading offset" -> api("GET", "/api/v1/folders/INBOX/messages?offset=-1", language, "");
            case "reading blank query" -> api("GET", "/api/v1/search?q=%20", language, "");
            case "reading search limit" -> api("GET", "/api/v1/search?q=x&limit=201", language, "");
            case "reading unknown flag" -> api("POST", "/api/v1/folders/INBOX/messages/1/flags", language, "{\"add\":[\"sparkly\"]}");
            case "reading deleted flag" -> api("POST", "/api/v1/folders/INBOX/messages/1/flags", language, "{\"add\":[\"deleted\"]}");
            case "reading sender" -> api("POST", "/api/v1/settings/remote-content/senders", language, "{\"address\":\"nobody\"}");
            case "organise folder name" -> api("POST", "/api/v1/folders", language, "{\"path\":\"a*b\"}");
            case "organise folder levels" -> api("POST", "/api/v1/folders", language, "{\"path\":\"a..b\"}");
            case "organise rename" -> api("PATCH", "/api/v1/folders/INBOX", language, "{}");
            case "organise empty inbox" -> api("POST", "/api/v1/folders/INBOX/empty", language, "");
            case "organise action" -> api("POST", "/api/v1/folders/INBOX/messages/actions", language, "{\"action\":\"polish\",\"uids\":[1]}");
            case "organise no uids" -> api("POST", "/api/v1/folders/INBOX/messages/actions", language, "{\"action\":\"seen\"}");
            case "organise uid range" -> api("POST", "/api/v1/folders/INBOX/messages/actions", language, "{\"action\":\"seen\",\"uids\":[0]}");
            case "organise permanent" -> api("POST", "/api/v1/folders/INBOX/messages/actions", language,
                    "{\"action\":\"seen\",\"uids\":[1],\"permanent\":true}");
            case "compose contacts limit" -> api("GET", "/api/v1/contacts?limit=0", language, "");
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(RefusalLanguagesTest.field(DETAIL, r.body())).isEqualTo(detail);
        assertThat(RefusalLanguagesTest.field(TITLE, r.body())).isNotBlank();
    }

    @Test
    void theExceptionsOwnMessageStaysEnglishForLogsAndTheCli() {
        assertThat(InputRefused.of("input.reading.limit", 200)).hasMessage("limit must be between 1 and 200");
        assertThat(InputRefused.of("input.organise.pathLevels", "/"))
                .hasMessage("path must not start or end with / or contain an empty level");
    }

    private RawHttp.Response api(String method, String target, String language, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("Accept-Language", language);
        if (!body.isEmpty()) headers.put("Content-Type", "application/json");
        return raw.send(method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}

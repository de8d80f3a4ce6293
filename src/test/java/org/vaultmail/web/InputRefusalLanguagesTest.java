package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaultmail.i18n.InputRefused;

/**
 * Input the features refuse (i18n.InputRefused, ADR 0052 amendment "API input refusals") is a problem detail in the
 * language of {@code Accept-Language}, through the reading, organising and compose APIs alike (web.ApiProblems);
 * English stays word for word what the API answered before, and the exception's own message stays English.
 */
class InputRefusalLanguagesTest extends RefusalLanguagesTestBase {

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
            case "reading limit" -> json("GET", "/api/v1/folders/INBOX/messages?limit=0", language, "");
            case "reading sort" -> json("GET", "/api/v1/folders/INBOX/messages?sort=colour", language, "");
            case "reading order" -> json("GET", "/api/v1/folders/INBOX/messages?order=sideways", language, "");
            case "reading offset" -> json("GET", "/api/v1/folders/INBOX/messages?offset=-1", language, "");
            case "reading blank query" -> json("GET", "/api/v1/search?q=%20", language, "");
            case "reading search limit" -> json("GET", "/api/v1/search?q=x&limit=201", language, "");
            case "reading unknown flag" -> json("POST", "/api/v1/folders/INBOX/messages/1/flags", language, "{\"add\":[\"sparkly\"]}");
            case "reading deleted flag" -> json("POST", "/api/v1/folders/INBOX/messages/1/flags", language, "{\"add\":[\"deleted\"]}");
            case "reading sender" -> json("POST", "/api/v1/settings/remote-content/senders", language, "{\"address\":\"nobody\"}");
            case "organise folder name" -> json("POST", "/api/v1/folders", language, "{\"path\":\"a*b\"}");
            case "organise folder levels" -> json("POST", "/api/v1/folders", language, "{\"path\":\"a..b\"}");
            case "organise rename" -> json("PATCH", "/api/v1/folders/INBOX", language, "{}");
            case "organise empty inbox" -> json("POST", "/api/v1/folders/INBOX/empty", language, "");
            case "organise action" -> json("POST", "/api/v1/folders/INBOX/messages/actions", language, "{\"action\":\"polish\",\"uids\":[1]}");
            case "organise no uids" -> json("POST", "/api/v1/folders/INBOX/messages/actions", language, "{\"action\":\"seen\"}");
            case "organise uid range" -> json("POST", "/api/v1/folders/INBOX/messages/actions", language, "{\"action\":\"seen\",\"uids\":[0]}");
            case "organise permanent" -> json("POST", "/api/v1/folders/INBOX/messages/actions", language,
                    "{\"action\":\"seen\",\"uids\":[1],\"permanent\":true}");
            case "compose contacts limit" -> json("GET", "/api/v1/contacts?limit=0", language, "");
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(field(DETAIL, r.body())).isEqualTo(detail);
        assertThat(field(TITLE, r.body())).isNotBlank();
    }

    @Test
    void theExceptionsOwnMessageStaysEnglishForLogsAndTheCli() {
        assertThat(InputRefused.of("input.reading.limit", 200)).hasMessage("limit must be between 1 and 200");
        assertThat(InputRefused.of("input.organise.pathLevels", "/"))
                .hasMessage("path must not start or end with / or contain an empty level");
    }

    private RawHttp.Response json(String method, String target, String language, String body) {
        return api(method, target, language, body.isEmpty() ? null : "application/json", body);
    }
}

package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Refusals written before a feature's code runs, in the language of {@code Accept-Language} (ADR 0052, amendment of
 * session 12): Spring MVC's own problems (a missing or unconvertible parameter, a wrong method or content type, a body
 * that is not JSON), each triggered by a real request on the API. English stays what Spring writes; a parameter that does
 * not convert has the features' own "Bad request" title (web.ApiProblems answers it before Spring's handler).
 */
class RefusalLanguagesTest extends RefusalLanguagesTestBase {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            missing parameter | en | 400 | Bad Request            | Required parameter 'q' is not present.
            missing parameter | de | 400 | Ungültige Anfrage      | Der erforderliche Parameter „q“ fehlt.
            missing parameter | fr | 400 | Requête incorrecte     | Le paramètre obligatoire « q » est absent.
            type mismatch     | en | 400 | Bad request            | Failed to convert 'limit' with value: 'many'
            type mismatch     | de | 400 | Ungültige Anfrage      | Der Wert „many“ passt nicht zu „limit“.
            type mismatch     | fr | 400 | Requête invalide       | La valeur « many » ne convient pas à « limit ».
            wrong method      | en | 405 | Method Not Allowed     | Method 'DELETE' is not supported.
            wrong method      | de | 405 | Methode nicht erlaubt  | Die Methode „DELETE“ wird hier nicht unterstützt.
            wrong method      | fr | 405 | Méthode non autorisée  | La méthode « DELETE » n’est pas prise en charge ici.
            wrong body type   | en | 415 | Unsupported Media Type | Content-Type 'text/plain;charset=UTF-8' is not supported.
            wrong body type   | de | 415 | Nicht unterstützter Inhaltstyp | Der Inhaltstyp „text/plain;charset=UTF-8“ wird nicht unterstützt.
            wrong body type   | fr | 415 | Type de contenu non pris en charge | Le type de contenu « text/plain;charset=UTF-8 » n’est pas pris en charge.
            body not JSON     | en | 400 | Bad Request            | Failed to read request
            body not JSON     | de | 400 | Ungültige Anfrage      | Der Inhalt der Anfrage kann nicht gelesen werden.
            body not JSON     | fr | 400 | Requête incorrecte     | Le contenu de la requête est illisible.
            """)
    void springsOwnProblemIsInTheRequestsLanguage(String kind, String language, int status, String title, String detail) {
        RawHttp.Response r = switch (kind) {
            case "missing parameter" -> api("GET", "/api/v1/search", language, null, "");
            case "type mismatch" -> api("GET", "/api/v1/search?q=x&limit=many", language, null, "");
            case "wrong method" -> api("DELETE", "/api/v1/search?q=x", language, null, "");
            case "wrong body type" -> api("POST", "/api/v1/folders", language, "text/plain;charset=UTF-8", "Archive");
            case "body not JSON" -> api("POST", "/api/v1/folders", language, "application/json", "{\"path\":");
            default -> throw new IllegalArgumentException(kind);
        };
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(field(TITLE, r.body())).isEqualTo(title);
        assertThat(field(DETAIL, r.body())).isEqualTo(detail);
    }

    /** Tomcat refuses these before Spring runs; its error report valve writes the answer from the same bundles. */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bad escape on the API      | en | Bad Request       | The request's address is malformed: a bad percent-escape, or bytes that are not UTF-8.
            bad escape on the API      | de | Ungültige Anfrage | Die Adresse der Anfrage ist fehlerhaft: ein ungültiges Prozentzeichen-Escape oder Bytes, die kein UTF-8 sind.
            bad escape on the API      | fr | Requête incorrecte | L’adresse de la requête est mal formée : un échappement « % » invalide, ou des octets qui ne sont pas de l’UTF-8.
            not UTF-8 on the API       | de | Ungültige Anfrage | Die Adresse der Anfrage ist fehlerhaft: ein ungültiges Prozentzeichen-Escape oder Bytes, die kein UTF-8 sind.
            """)
    void tomcatsRefusalOnTheApiIsAProblemInTheRequestsLanguage(String kind, String language, String title, String detail) {
        String target = kind.startsWith("bad escape") ? "/api/v1/folders/%ZZ" : "/api/v1/folders/%C3%28";
        RawHttp.Response r = raw.send("GET", target, Map.of("Accept-Language", language), new byte[0]);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(field(TITLE, r.body())).isEqualTo(title);
        assertThat(field(DETAIL, r.body())).isEqualTo(detail);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bad escape         | en | /mail/%ZZ | en | This request could not be understood
            bad escape         | de | /mail/%ZZ | de | Diese Anfrage war nicht verständlich
            bad escape         | fr | /mail/%ZZ | fr | Cette demande n’a pas pu être comprise
            header too large   | de | /signin   | de | Diese Anfrage war nicht verständlich
            header too large   | fr | /signin   | fr | Cette demande n’a pas pu être comprise
            malformed target   | de | /mail/{x} | en | This request could not be understood
            """)
    void tomcatsRefusalOfAPageIsAPageInTheRequestsLanguage(String kind, String language, String target, String answered,
                                                           String heading) {
        // a request line Tomcat cannot parse ends the parsing before the headers: no Accept-Language, so English
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Language", language);
        if (kind.equals("header too large")) headers.put("X-Padding", "a".repeat(64 * 1024));
        RawHttp.Response r = raw.send("GET", target, headers, new byte[0]);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<html lang=\"" + answered + "\"", "<h1>" + heading + "</h1>");
    }
}

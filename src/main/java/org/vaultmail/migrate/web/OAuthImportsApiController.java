package org.vaultmail.migrate.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.vault.VaultException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/migrations/oauth} (ADR 0046): import from an OAuth mailbox. {@code GET …/providers} lists the
 * providers offered; {@code POST} with {@code {provider, options}} keeps the options server side and answers
 * {@code {authorizationUrl}}: the user agent that made the call (it got the flow's cookie) opens it, signs in at the
 * provider, and the provider's callback creates the job (then redirects to {@code /settings/import/{id}}; the job is in
 * {@code GET /api/v1/migrations}). No token is ever returned.
 */
@RestController
@RequestMapping("/api/v1/migrations/oauth")
class OAuthImportsApiController {

    static final int MAX_BODY = 64 * 1024;

    /** The body: the provider's id and the same options as a password import. */
    record Start(@Nullable String provider, @Nullable ImportOptions options) {
    }

    private final OAuthImportStarts starts;
    private final JsonMapper json;

    private final MessageSource messages;

    OAuthImportsApiController(OAuthImportStarts starts, JsonMapper json, MessageSource messages) {
        this.starts = starts;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/providers")
    List<Map<String, Object>> providers() {
        return starts.providers().stream().map(p -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", p.id());
            out.put("name", p.displayName());
            return out;
        }).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> start(@AuthenticationPrincipal AuthenticatedSession me, HttpServletRequest http,
                              HttpServletResponse response) {
        Start body = parse(http);
        MigrationOptions options = (body.options() == null ? ImportOptions.none() : body.options()).toOptions();
        URI url = starts.start(me, body.provider(), options, http, response);
        return Map.of("authorizationUrl", url.toString());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(MigrationProblem e) {
        return MigrationsApiProblems.answer(e, messages);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sessionLocked(VaultException e) {
        return MigrationsApiProblems.answer(new MigrationProblem(HttpStatus.UNAUTHORIZED, "problem.import.title.signInAgain", "reauthenticate",
                UserText.of("problem.import.signInAgain"), null), messages);
    }

    private Start parse(HttpServletRequest http) {
        if (http.getContentLengthLong() > MAX_BODY) throw tooLarge();
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY) throw tooLarge();
        try {
            Start start = json.readerFor(Start.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
            if (start == null) throw MigrationProblem.badRequest(null, "problem.import.notAnObject");
            return start;
        } catch (UnrecognizedPropertyException e) {
            throw MigrationProblem.badRequest(e.getPropertyName(), "problem.import.unknownField", e.getPropertyName());
        } catch (JacksonException e) {
            throw MigrationProblem.badRequest(null, "problem.import.notOAuthJson");
        }
    }

    private static MigrationProblem tooLarge() {
        return MigrationProblem.tooLarge(MAX_BODY);
    }
}

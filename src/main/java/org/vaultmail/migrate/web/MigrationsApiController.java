package org.vaultmail.migrate.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.vault.Secret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/migrations} (issue 14's names): the signed-in user imports another account's mail into their own
 * mailbox. The source password goes in once and is never returned; the destination's comes from the session. Another
 * user's job is 404, as an unknown one.
 */
@RestController
@RequestMapping("/api/v1/migrations")
class MigrationsApiController {

    static final int MAX_BODY = 64 * 1024;
    static final int MAX_LIMIT = 200;

    private final UserImports imports;
    private final MigrationStreams streams;
    private final JsonMapper json;

    private final MessageSource messages;

    MigrationsApiController(UserImports imports, MigrationStreams streams, JsonMapper json, MessageSource messages) {
        this.imports = imports;
        this.streams = streams;
        this.json = json;
        this.messages = messages;
    }

    /** 201 with {@code {id, state}} and a Location once both logins worked and the job is queued. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal AuthenticatedSession me, HttpServletRequest http) {
        ImportRequest body = parse(http);
        ImportRequest.Source source = body.source();
        if (source == null) throw MigrationProblem.invalid("source", "problem.import.noSource");
        char[] chars = source.password();
        if (chars == null) throw MigrationProblem.invalid("source.password", "problem.import.noPassword");
        try (Secret password = Secret.ofChars(chars)) {
            MigrationOptions options = (body.options() == null ? ImportOptions.none() : body.options()).toOptions();
            JobView job = imports.create(me, http.getRemoteAddr(), source.server(), source.login(), password, options);
            return ResponseEntity.created(URI.create("/api/v1/migrations/" + job.id())).body(JobJson.created(job));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    @GetMapping
    List<Map<String, Object>> list(@AuthenticationPrincipal AuthenticatedSession me,
                                   @RequestParam(defaultValue = "50") int limit) {
        return imports.list(me, limit(limit)).stream().map(JobJson::of).toList();
    }

    /** The server names a user may import from: configured domains and the operator's migration sources. */
    @GetMapping("/sources")
    List<Map<String, Object>> sources() {
        return imports.choices().stream().map(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", c.name());
            out.put("kind", c.kind());
            return out;
        }).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> one(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id) {
        return JobJson.of(imports.find(me, id));
    }

    /** Cancels (a running job stops at its next checkpoint); the stored credentials are deleted. */
    @DeleteMapping("/{id}")
    Map<String, Object> cancel(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id,
                               HttpServletRequest http) {
        return JobJson.of(imports.cancel(me, id, http.getRemoteAddr()));
    }

    @PostMapping("/{id}/pause")
    Map<String, Object> pause(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id,
                              HttpServletRequest http) {
        return JobJson.of(imports.pause(me, id, http.getRemoteAddr()));
    }

    @PostMapping("/{id}/resume")
    Map<String, Object> resume(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id,
                               HttpServletRequest http) {
        return JobJson.of(imports.resume(me, id, http.getRemoteAddr()));
    }

    @GetMapping("/{id}/errors")
    List<Map<String, Object>> errors(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id,
                                     @RequestParam(defaultValue = "100") int limit) {
        return JobJson.errors(imports.errors(me, id, limit(limit)));
    }

    /** Server-sent {@code progress} about once a second, {@code end} at a final state (or when the session ends). */
    @GetMapping("/{id}/events")
    ResponseEntity<?> events(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id) {
        try {
            JobView job = imports.find(me, id);
            return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("X-Accel-Buffering", "no")
                    .body(streams.open(me, UserImports.requester(me, null), job));
        } catch (MigrationProblem e) {
            return MigrationsApiProblems.answer(e, messages); // its own content type: the client asked for text/event-stream
        }
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) throw MigrationProblem.badRequest("limit", "problem.import.limit", String.valueOf(MAX_LIMIT));
        return limit;
    }

    private ImportRequest parse(HttpServletRequest http) {
        if (http.getContentLengthLong() > MAX_BODY) throw tooLarge();
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (body.length > MAX_BODY) throw tooLarge();
            // strict: a misspelt option ("confirmMirorr", "exclude") must not be silently ignored
            ImportRequest request = json.readerFor(ImportRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
            if (request == null) throw MigrationProblem.badRequest(null, "problem.import.notAnObject");
            return request;
        } catch (JacksonException e) {
            throw notUnderstood(e);
        } finally {
            Arrays.fill(body, (byte) 0); // it held the password
        }
    }

    /** Where the body went wrong, in words of our own: Jackson's text can quote a value, and a value can be a password. */
    private static MigrationProblem notUnderstood(JacksonException e) {
        String at = path(e);
        if (at == null) return MigrationProblem.badRequest(null, "problem.import.notJson");
        if (e instanceof UnrecognizedPropertyException) return MigrationProblem.badRequest(at, "problem.import.unknownField", at);
        return MigrationProblem.badRequest(at, "problem.import.wrongType", at);
    }

    private static @Nullable String path(JacksonException e) {
        if (!(e instanceof DatabindException d) || d.getPath().isEmpty()) return null;
        StringBuilder out = new StringBuilder();
        for (var ref : d.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static MigrationProblem tooLarge() {
        return MigrationProblem.tooLarge(MAX_BODY);
    }
}

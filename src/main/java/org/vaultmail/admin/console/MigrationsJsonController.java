package org.vaultmail.admin.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.admin.migrations.JobJson;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;

/**
 * The operators' JSON API for migration jobs (issue 14 item 1: "operators … API") at {@code /admin/api/v1/migrations}:
 * list, create (both sides with passwords, never returned), one, cancel, pause, resume, errors. It runs on the
 * console's chain: the operator's session (password and code), the session's CSRF token as header
 * {@code X-CSRF-TOKEN} on every change, the operator role. Every refusal is {@code application/problem+json}
 * ({@code web.ApiPaths} counts {@code /admin/api/v1/**} as API); the jobs service audits each action with the operator as
 * actor. Scripts without a console session use {@code ./vaultmail migrate … --json}.
 */
@RestController
@RequestMapping(path = "/admin/api/v1/migrations", produces = MediaType.APPLICATION_JSON_VALUE)
class MigrationsJsonController {

    static final int LIMIT = 1000;

    private final ObjectProvider<MigrationJobs> jobs;
    private final MessageSource messages;

    MigrationsJsonController(ObjectProvider<MigrationJobs> jobs, MessageSource messages) {
        this.jobs = jobs;
        this.messages = messages;
    }

    /** A fixed text of this API in the request's language. */
    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    /** What the operator is told about a refusal, in the request's language. */
    private @Nullable String shown(MigrationRefused e) {
        return UserText.of(e, messages, LocaleContextHolder.getLocale());
    }

    @GetMapping
    List<Map<String, Object>> list(Authentication operator, HttpServletRequest request) {
        return service().list(requester(operator, request), LIMIT).stream().map(MigrationsJsonController::json).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<?> one(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        return found(service().find(id, requester(operator, request)));
    }

    @GetMapping("/{id}/errors")
    ResponseEntity<?> errors(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        Requester who = requester(operator, request);
        if (service().find(id, who).isEmpty()) return notFound();
        return ResponseEntity.ok(service().errors(id, who, LIMIT).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folder", e.sourceFolder());
            m.put("uid", e.sourceUid());
            m.put("reason", e.reason());
            m.put("at", e.at().toString());
            return m;
        }).toList());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> create(@RequestBody MigrationJobRequest body, Authentication operator, HttpServletRequest request) {
        NewJob job;
        try {
            job = body.toJob();
        } catch (IllegalArgumentException e) {
            return problem("invalid_options", UserText.of(e, messages, LocaleContextHolder.getLocale()));
        }
        try (job) {
            JobView created = service().create(job, requester(operator, request));
            return ResponseEntity.created(URI.create("/admin/api/v1/migrations/" + created.id()))
                    .body(Map.of("id", created.id(), "state", created.state().label()));
        } catch (MigrationRefused e) {
            return problem(e.code(), shown(e));
        }
    }

    /** Cancels: a cancelled job cannot be resumed, and its sealed credentials are deleted. */
    @DeleteMapping("/{id}")
    ResponseEntity<?> cancel(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        return act(() -> service().cancel(id, requester(operator, request)));
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<?> pause(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        return act(() -> service().pause(id, requester(operator, request)));
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<?> resume(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        return act(() -> service().resume(id, requester(operator, request)));
    }

    /** The CLI's {@code status --json} shape, plus who and what: no credential field exists to leave out. */
    static Map<String, Object> json(JobView job) {
        Map<String, Object> m = new LinkedHashMap<>(JobJson.statusMap(job));
        m.put("present", job.totals().present());
        m.put("createdBy", job.createdBy());
        m.put("owner", job.ownerUserId());
        m.put("source", Map.of("server", job.sourceServer(), "login", job.sourceLogin()));
        m.put("destination", Map.of("server", job.destinationServer(), "login", job.destinationLogin()));
        m.put("mode", job.options().mode().label());
        m.put("dryRun", job.options().dryRun());
        m.put("createdAt", job.createdAt().toString());
        m.put("requested", job.requested());
        m.put("credentialsHeld", job.credentialsHeld());
        m.put("error", job.error());
        return m;
    }

    private ResponseEntity<?> act(Action action) {
        try {
            return found(action.run());
        } catch (MigrationRefused e) {
            return problem(e.code(), shown(e));
        }
    }

    private ResponseEntity<?> found(Optional<JobView> job) {
        return job.<ResponseEntity<?>>map(j -> ResponseEntity.ok(json(j))).orElseGet(this::notFound);
    }

    private ResponseEntity<ProblemDetail> notFound() {
        return problem("not_found", text("problem.admin.migrations.notFound"));
    }

    static ResponseEntity<ProblemDetail> problem(String code, @Nullable String message) {
        HttpStatus status = switch (code) {
            case "not_found" -> HttpStatus.NOT_FOUND;
            case "conflict" -> HttpStatus.CONFLICT;
            case "busy" -> HttpStatus.TOO_MANY_REQUESTS;
            case "unavailable" -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, message == null ? code : message);
        p.setType(URI.create("tag:vaultmail.org,2026:problem:migration-" + code.replace('_', '-')));
        p.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private MigrationJobs service() {
        MigrationJobs service = jobs.getIfAvailable();
        if (service == null) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND,
                    text("problem.admin.migrations.disabled"));
        }
        return service;
    }

    private static Requester requester(Authentication operator, HttpServletRequest request) {
        return MigrationsPageController.requester(operator, request);
    }

    private interface Action {
        Optional<JobView> run() throws MigrationRefused;
    }
}

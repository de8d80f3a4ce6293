package org.vaultmail.admin.console;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.admin.migrations.JobJson;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * The operators' JSON for migration jobs (issue 14 item 1: "operators … API"), on the console's own paths and session:
 * {@code Accept: application/json} on {@code GET /admin/migrations[/{id}]}, a JSON {@code POST /admin/migrations}
 * (both sides with passwords, never returned) and {@code DELETE /admin/migrations/{id}} to cancel. The console's
 * sign-in, second factor and CSRF token (header {@code X-CSRF-TOKEN}) apply; every action is audited by the jobs
 * service with the operator as actor. Scripts without a console session use {@code ./vaultmail migrate … --json}.
 */
@RestController
class MigrationsJsonController {

    private static final int LIMIT = 1000;

    private final ObjectProvider<MigrationJobs> jobs;

    MigrationsJsonController(ObjectProvider<MigrationJobs> jobs) {
        this.jobs = jobs;
    }

    /** One side of a job as posted. The password is a {@code String} only until it is wrapped in a {@link Secret}. */
    record Side(@Nullable String server, @Nullable String login, @Nullable String password) {
        @Override
        public String toString() {
            return "Side[" + login + " at " + server + ", password=[PROTECTED]]";
        }
    }

    record Options(@Nullable List<String> includeFolders, @Nullable List<String> excludeFolders, @Nullable LocalDate since,
                   @Nullable LocalDate before, @Nullable Long maxMessageBytes, @Nullable Boolean skipTrashAndJunk,
                   @Nullable Boolean dryRun, @Nullable String mode, @Nullable Boolean confirmMirror) {
    }

    record CreateJob(@Nullable Side source, @Nullable Side destination, @Nullable Options options) {
    }

    @GetMapping(path = "/admin/migrations", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> list(Authentication operator, HttpServletRequest request) {
        return service().list(MigrationsPageController.requester(operator, request), LIMIT).stream()
                .map(MigrationsJsonController::json).toList();
    }

    @GetMapping(path = "/admin/migrations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> one(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        return found(service().find(id, MigrationsPageController.requester(operator, request)));
    }

    @PostMapping(path = "/admin/migrations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> create(@RequestBody CreateJob body, Authentication operator, HttpServletRequest request) {
        MigrationOptions options;
        try {
            options = options(body.options());
        } catch (IllegalArgumentException e) {
            return problem("invalid_options", e.getMessage());
        }
        Side source = body.source();
        Side destination = body.destination();
        String missing = missing(source, "source") + missing(destination, "destination");
        if (!missing.isEmpty() || source == null || destination == null) {
            return problem("invalid_options", "missing: " + missing.strip());
        }
        try (NewJob job = new NewJob(login(source), login(destination), options)) {
            JobView created = service().create(job, MigrationsPageController.requester(operator, request));
            return ResponseEntity.created(URI.create("/admin/migrations/" + created.id()))
                    .body(Map.of("id", created.id(), "state", created.state().label()));
        } catch (MigrationRefused e) {
            return problem(e.code(), e.getMessage());
        }
    }

    @DeleteMapping(path = "/admin/migrations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cancel(@PathVariable String id, Authentication operator, HttpServletRequest request) {
        try {
            return found(service().cancel(id, MigrationsPageController.requester(operator, request)));
        } catch (MigrationRefused e) {
            return problem(e.code(), e.getMessage());
        }
    }

    /** The CLI's {@code status --json} shape, plus who and what: no credential field exists to leave out. */
    static Map<String, Object> json(JobView job) {
        Map<String, Object> m = new LinkedHashMap<>(JobJson.statusMap(job));
        m.put("createdBy", job.createdBy());
        m.put("source", Map.of("server", job.sourceServer(), "login", job.sourceLogin()));
        m.put("destination", Map.of("server", job.destinationServer(), "login", job.destinationLogin()));
        m.put("error", job.error());
        return m;
    }

    private static ResponseEntity<?> found(Optional<JobView> job) {
        return job.<ResponseEntity<?>>map(j -> ResponseEntity.ok(json(j)))
                .orElseGet(() -> problem("not_found", "No such migration job."));
    }

    private static ResponseEntity<ProblemDetail> problem(String code, @Nullable String message) {
        HttpStatus status = switch (code) {
            case "not_found" -> HttpStatus.NOT_FOUND;
            case "conflict" -> HttpStatus.CONFLICT;
            case "busy" -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, message == null ? code : message);
        p.setType(URI.create("tag:vaultmail.org,2026:problem:migration-" + code.replace('_', '-')));
        p.setProperty("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static String missing(@Nullable Side side, String name) {
        if (side == null) return name + " ";
        StringBuilder m = new StringBuilder();
        if (blank(side.server())) m.append(name).append(".server ");
        if (blank(side.login())) m.append(name).append(".login ");
        if (side.password() == null || side.password().isEmpty()) m.append(name).append(".password ");
        return m.toString();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static ServerLogin login(Side side) {
        return new ServerLogin(side.server().strip(), side.login().strip(), Secret.ofUtf8(side.password()));
    }

    private static MigrationOptions options(@Nullable Options o) {
        if (o == null) return MigrationOptions.defaults();
        MigrationMode mode = o.mode() == null ? MigrationMode.COPY : MigrationMode.of(o.mode());
        if (mode == MigrationMode.MIRROR && !Boolean.TRUE.equals(o.confirmMirror())) {
            throw new IllegalArgumentException("mirror mode deletes on the destination: send \"confirmMirror\": true");
        }
        return new MigrationOptions(o.includeFolders() == null ? List.of() : o.includeFolders(),
                o.excludeFolders() == null ? List.of() : o.excludeFolders(), List.of(), o.since(), o.before(),
                o.maxMessageBytes() == null ? 0 : o.maxMessageBytes(), Boolean.TRUE.equals(o.skipTrashAndJunk()),
                Boolean.TRUE.equals(o.dryRun()), mode, mode == MigrationMode.MIRROR, 0, 0);
    }

    private MigrationJobs service() {
        MigrationJobs service = jobs.getIfAvailable();
        if (service == null) throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND);
        return service;
    }
}

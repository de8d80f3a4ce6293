package org.vaultmail.admin.console;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.http.HttpStatus;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;

/**
 * Migrations (issue 14): every job (state, who created it, source → destination, progress), a form to start one (both
 * sides' server, login and password, the options), a job's page with live progress (htmx polls a fragment while the job
 * has not ended), pause, resume and cancel (confirmed on a page of its own), the report and the per-message errors.
 * The jobs service tests both logins, seals them and audits each action with the operator as actor.
 */
@Controller
class MigrationsPageController {

    static final int LIMIT = 200;
    static final int ERRORS = 200;

    private final ObjectProvider<MigrationJobs> jobs;
    private final ObjectProvider<MigrationSources> sources;
    private final MessageSource messages;

    MigrationsPageController(ObjectProvider<MigrationJobs> jobs, ObjectProvider<MigrationSources> sources, MessageSource messages) {
        this.jobs = jobs;
        this.sources = sources;
        this.messages = messages;
    }

    /** What the operator is told about a refusal, in the request's language. */
    private @Nullable String shown(MigrationRefused e) {
        return UserText.of(e, messages, LocaleContextHolder.getLocale());
    }

    @GetMapping("/admin/migrations")
    String page(Authentication operator, HttpServletRequest request, Model model) {
        return list(new MigrationJobForm(), null, operator, request, model);
    }

    @PostMapping("/admin/migrations")
    String create(@ModelAttribute("form") MigrationJobForm form, Authentication operator, HttpServletRequest request, Model model) {
        MigrationOptions options;
        try {
            options = form.options();
        } catch (IllegalArgumentException e) {
            form.wipePasswords();
            return list(form, UserText.of(e, messages, LocaleContextHolder.getLocale()), operator, request, model);
        }
        try (NewJob job = form.toJob(options)) {
            JobView created = service().create(job, requester(operator, request));
            return "redirect:/admin/migrations/" + created.id();
        } catch (MigrationRefused e) {
            return list(form, shown(e), operator, request, model);
        }
    }

    @GetMapping("/admin/migrations/{id}")
    String job(@PathVariable String id, Authentication operator, HttpServletRequest request, Model model) {
        Requester who = requester(operator, request);
        model.addAttribute("job", found(service().find(id, who)));
        model.addAttribute("errors", service().errors(id, who, ERRORS));
        return "admin/migration";
    }

    /** The part of the job's page that changes while it runs; htmx swaps it every two seconds until the job ends. */
    @GetMapping("/admin/migrations/{id}/progress")
    String progress(@PathVariable String id, Authentication operator, HttpServletRequest request, Model model) {
        Requester who = requester(operator, request);
        model.addAttribute("job", found(service().find(id, who)));
        model.addAttribute("errors", service().errors(id, who, ERRORS));
        return "admin/migration :: live";
    }

    @PostMapping("/admin/migrations/{id}/pause")
    String pause(@PathVariable String id, Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        return act(id, "paused", redirect, () -> service().pause(id, requester(operator, request)));
    }

    @PostMapping("/admin/migrations/{id}/resume")
    String resume(@PathVariable String id, Authentication operator, HttpServletRequest request, RedirectAttributes redirect) {
        return act(id, "resumed", redirect, () -> service().resume(id, requester(operator, request)));
    }

    /** Without {@code confirm=yes} the page asks first: a cancelled job cannot be resumed and its credentials are deleted. */
    @PostMapping("/admin/migrations/{id}/cancel")
    String cancel(@PathVariable String id, @RequestParam(required = false) @Nullable String confirm, Authentication operator,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!"yes".equals(confirm)) {
            model.addAttribute("job", found(service().find(id, requester(operator, request))));
            return "admin/migration-cancel";
        }
        return act(id, "cancelled", redirect, () -> service().cancel(id, requester(operator, request)));
    }

    private String list(MigrationJobForm form, @Nullable String refused, Authentication operator, HttpServletRequest request, Model model) {
        model.addAttribute("jobs", service().list(requester(operator, request), LIMIT));
        model.addAttribute("limit", LIMIT);
        model.addAttribute("choices", hosts().choices());
        model.addAttribute("form", form);
        model.addAttribute("refused", refused);
        return "admin/migrations";
    }

    private String act(String id, String done, RedirectAttributes redirect, Action action) {
        try {
            found(action.run());
            redirect.addFlashAttribute("done", done);
        } catch (MigrationRefused e) {
            redirect.addFlashAttribute("refused", shown(e));
        }
        return "redirect:/admin/migrations/" + id;
    }

    private static JobView found(Optional<JobView> job) {
        return job.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private MigrationJobs service() {
        MigrationJobs service = jobs.getIfAvailable();
        if (service == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return service;
    }

    private MigrationSources hosts() {
        MigrationSources s = sources.getIfAvailable();
        if (s == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return s;
    }

    static Requester requester(Authentication operator, HttpServletRequest request) {
        return Requester.operator(OperatorName.of(operator), request.getRemoteAddr());
    }

    private interface Action {
        Optional<JobView> run() throws MigrationRefused;
    }
}

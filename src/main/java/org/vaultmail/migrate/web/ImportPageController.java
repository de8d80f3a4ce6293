package org.vaultmail.migrate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.JobView;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * {@code /settings/import}: "Import mail from another account" into the signed-in user's own mailbox. Plain forms (no
 * script needed); a refused form comes back with what was typed except the password; success redirects to the job's
 * page, whose progress panel htmx refreshes every second (a refresh link without script) until the job has ended.
 */
@Controller
class ImportPageController {

    static final String PAGE = "/settings/import";

    private final UserImports imports;
    private final MessageSource messages;

    ImportPageController(UserImports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        return render(me, model, ImportForm.EMPTY);
    }

    @PostMapping(PAGE)
    String create(@AuthenticationPrincipal AuthenticatedSession me, @ModelAttribute("typed") ImportForm form,
                  @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try (Secret pw = Secret.ofUtf8(password)) {
            JobView job = imports.create(me, request.getRemoteAddr(), form.server(), form.login(), pw, form.options().toOptions());
            redirect.addFlashAttribute("message", text("import.done.queued"));
            return "redirect:" + PAGE + "/" + job.id();
        } catch (MigrationProblem e) {
            response.setStatus(e.status().value());
            return render(me, model, form, shown(messages, e));
        } catch (VaultException e) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return render(me, model, form, text("problem.import.signInAgain"));
        }
    }

    @GetMapping(PAGE + "/{id}")
    String job(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, Model model) {
        model.addAttribute("me", me);
        loadJob(me, id, model);
        return "import-job";
    }

    /** The progress panel alone, for htmx's polling. */
    @GetMapping(PAGE + "/{id}/progress")
    String progress(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, Model model) {
        loadJob(me, id, model);
        return "import-job :: progress";
    }

    @PostMapping(PAGE + "/{id}/pause")
    String pause(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletRequest request,
                 RedirectAttributes redirect) {
        return act(id, redirect, "import.done.pausing",
                () -> imports.pause(me, id, request.getRemoteAddr()));
    }

    @PostMapping(PAGE + "/{id}/resume")
    String resume(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletRequest request,
                  RedirectAttributes redirect) {
        return act(id, redirect, "import.done.resumed", () -> imports.resume(me, id, request.getRemoteAddr()));
    }

    @PostMapping(PAGE + "/{id}/cancel")
    String cancel(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletRequest request,
                  RedirectAttributes redirect) {
        return act(id, redirect, "import.done.cancelled",
                () -> imports.cancel(me, id, request.getRemoteAddr()));
    }

    /** {@code done}: the message key of what the page says once {@code action} worked. */
    private String act(String id, RedirectAttributes redirect, String done, java.util.function.Supplier<JobView> action) {
        try {
            action.get();
            redirect.addFlashAttribute("message", text(done));
            redirect.addFlashAttribute("ok", true);
        } catch (MigrationProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            redirect.addFlashAttribute("message", shown(messages, e));
            redirect.addFlashAttribute("ok", false);
        }
        return "redirect:" + PAGE + "/" + id;
    }

    private void loadJob(AuthenticatedSession me, String id, Model model) {
        JobView job;
        try {
            job = imports.find(me, id);
        } catch (MigrationProblem e) {
            throw new ResponseStatusException(e.status()); // another user's job is "not found", as an unknown one
        }
        model.addAttribute("job", job);
        model.addAttribute("shown", ProgressShown.of(job));
        model.addAttribute("errors", job.progress().failed() > 0 ? imports.errors(me, id, 50) : java.util.List.of());
    }

    /** A notice in the request's language (messages-migrations, messages-problems). */
    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    /** What the user is told about a refusal, in the request's language. */
    static @Nullable String shown(MessageSource messages, RuntimeException e) {
        return UserText.of(e, messages, LocaleContextHolder.getLocale());
    }

    private String render(AuthenticatedSession me, Model model, ImportForm form) {
        return render(me, model, form, null);
    }

    private String render(AuthenticatedSession me, Model model, ImportForm form, @Nullable String problem) {
        model.addAttribute("me", me);
        model.addAttribute("form", form);
        model.addAttribute("available", imports.available());
        model.addAttribute("oauthSession", imports.signsInWithOAuth(me)); // said up front, and the starts disabled
        model.addAttribute("choices", imports.choices());
        model.addAttribute("jobs", imports.available() ? imports.list(me, 50) : java.util.List.of());
        if (problem != null) {
            model.addAttribute("message", problem);
            model.addAttribute("ok", false);
        }
        return "import";
    }
}

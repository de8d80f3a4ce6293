package org.vaultmail.admin.console;

import java.util.Locale;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;

/**
 * Migration sources (issue 14 item 1): the hosts, besides the configured mail domains, that jobs may read from; users
 * pick one by name and never type a host. Saving and removing are audited by the sources service as the operator.
 */
@Controller
class MigrationSourcesPageController {

    private final ObjectProvider<MigrationSources> sources;

    private final MessageSource messages;

    MigrationSourcesPageController(ObjectProvider<MigrationSources> sources, MessageSource messages) {
        this.sources = sources;
        this.messages = messages;
    }

    /** What the operator is told about a refusal, in the request's language. */
    private @Nullable String shown(MigrationRefused e) {
        return UserText.of(e, messages, LocaleContextHolder.getLocale());
    }

    @GetMapping("/admin/migrations/sources")
    String page(Model model) {
        MigrationSourceForm blank = MigrationSourceForm.blank();
        return show(model, blank.name(), blank.host(), String.valueOf(blank.port()), blank.security(), blank.trustStore(), null);
    }

    @PostMapping("/admin/migrations/sources")
    String save(@Valid @ModelAttribute("source") MigrationSourceForm form, BindingResult binding, Authentication operator,
                Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        if (binding.hasErrors()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value()); // the form again, with what was typed
            String field = MigrationSourceForm.FIELDS.stream().filter(binding::hasFieldErrors).findFirst().orElse("name");
            return show(model, typed(binding, "name"), typed(binding, "host"), typed(binding, "port"),
                    typed(binding, "security"), typed(binding, "trustStore"), field);
        }
        try {
            MigrationSource saved = service().save(form.toSource(), actor(operator));
            redirect.addFlashAttribute("done", "saved");
            redirect.addFlashAttribute("doneName", saved.name());
            return "redirect:/admin/migrations/sources";
        } catch (MigrationRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("refusedText", shown(e));
            return show(model, form.name(), form.host(), String.valueOf(form.port()), form.security(), form.trustStore(), "refused");
        }
    }

    /** What the operator typed, also when it did not convert (a port of "abc" comes back as "abc"). */
    private static String typed(BindingResult binding, String field) {
        Object value = binding.getFieldValue(field);
        return value == null ? "" : value.toString();
    }

    @PostMapping("/admin/migrations/sources/{name}/remove")
    String remove(@PathVariable String name, Authentication operator, RedirectAttributes redirect) {
        boolean removed = service().remove(name, actor(operator));
        redirect.addFlashAttribute("done", removed ? "removed" : "not-found");
        redirect.addFlashAttribute("doneName", name);
        return "redirect:/admin/migrations/sources";
    }

    private String show(Model model, @Nullable String name, @Nullable String host, String port, @Nullable String security,
                        @Nullable String trustStore, @Nullable String refused) {
        model.addAttribute("sources", service().list());
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("host", host == null ? "" : host);
        model.addAttribute("port", port);
        model.addAttribute("security", security == null ? "" : security.strip().toLowerCase(Locale.ROOT));
        model.addAttribute("trustStore", trustStore == null ? "" : trustStore);
        model.addAttribute("refused", refused);
        return "admin/migration-sources";
    }

    /** The jobs feature's actor form for an operator ({@code operator:NAME}: audited with the operator as actor). */
    private static String actor(Authentication operator) {
        return "operator:" + OperatorName.of(operator);
    }

    private MigrationSources service() {
        MigrationSources s = sources.getIfAvailable();
        if (s == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return s;
    }
}

package org.vaultmail.admin.console;

import java.nio.file.Path;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vaultmail.account.MailDomainsProperties.Security;
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

    MigrationSourcesPageController(ObjectProvider<MigrationSources> sources) {
        this.sources = sources;
    }

    @GetMapping("/admin/migrations/sources")
    String page(Model model) {
        return show(model, "", "", "993", "tls", "", null);
    }

    @PostMapping("/admin/migrations/sources")
    String save(@RequestParam String name, @RequestParam String host, @RequestParam String port, @RequestParam String security,
                @RequestParam(defaultValue = "") String trustStore, Authentication operator, Model model,
                RedirectAttributes redirect) {
        try {
            int p = Integer.parseInt(port.strip());
            if (p < 1 || p > 65535) throw new NumberFormatException();
            Security s = Security.valueOf(security.strip().toUpperCase(Locale.ROOT));
            MigrationSource saved = service().save(new MigrationSource(name.strip(), host.strip(), p, s,
                    trustStore.isBlank() ? null : Path.of(trustStore.strip())), actor(operator));
            redirect.addFlashAttribute("done", "saved");
            redirect.addFlashAttribute("doneName", saved.name());
            return "redirect:/admin/migrations/sources";
        } catch (NumberFormatException e) {
            return show(model, name, host, port, security, trustStore, "port");
        } catch (IllegalArgumentException e) {
            return show(model, name, host, port, security, trustStore, "security");
        } catch (MigrationRefused e) {
            model.addAttribute("refusedText", e.getMessage());
            return show(model, name, host, port, security, trustStore, "refused");
        }
    }

    @PostMapping("/admin/migrations/sources/{name}/remove")
    String remove(@PathVariable String name, Authentication operator, RedirectAttributes redirect) {
        boolean removed = service().remove(name, actor(operator));
        redirect.addFlashAttribute("done", removed ? "removed" : "not-found");
        redirect.addFlashAttribute("doneName", name);
        return "redirect:/admin/migrations/sources";
    }

    private String show(Model model, String name, String host, String port, String security, String trustStore, @Nullable String refused) {
        model.addAttribute("sources", service().list());
        model.addAttribute("name", name);
        model.addAttribute("host", host);
        model.addAttribute("port", port);
        model.addAttribute("security", security);
        model.addAttribute("trustStore", trustStore);
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

package org.vaultmail.admin.console;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.admin.ServerProbe;

/**
 * Mail servers: the configured domains and their IMAP and SMTP endpoints, read-only (configuration
 * stays in files); "test connection" per server, audited. No login, no credential.
 */
@Controller
class ServersPageController {

    private final MailServerDirectory directory;
    private final ConsoleAudit consoleAudit;

    ServersPageController(MailServerDirectory directory, ConsoleAudit consoleAudit) {
        this.directory = directory;
        this.consoleAudit = consoleAudit;
    }

    @GetMapping("/admin/servers")
    String page(Model model) {
        model.addAttribute("servers", directory.all().stream()
                .sorted((a, b) -> a.domain().compareTo(b.domain())).toList());
        return "admin/servers";
    }

    @PostMapping("/admin/servers/test")
    String test(@RequestParam String domain, @RequestParam String protocol, Authentication operator,
                HttpServletRequest request, Model model) {
        Optional<MailServers> servers = directory.all().stream().filter(s -> s.domain().equals(domain)).findFirst();
        ServerProbe.Protocol p = "smtp".equalsIgnoreCase(protocol) ? ServerProbe.Protocol.SMTP : ServerProbe.Protocol.IMAP;
        String target = p.name().toLowerCase(Locale.ROOT) + ":" + (servers.isPresent() ? domain : "unknown");
        if (servers.isEmpty()) {
            audit(operator, request, target, "not_found");
            model.addAttribute("unknown", true);
            return page(model);
        }
        MailServers s = servers.get();
        var result = ServerProbe.probe(s.domain(), p, p == ServerProbe.Protocol.IMAP ? s.imap() : s.smtp(), directory.trustAnchors(s),
                ServerProbe.Depth.CAPABILITIES);
        audit(operator, request, target, result.ok() ? "success" : "failure");
        model.addAttribute("result", result);
        return page(model);
    }

    private void audit(Authentication operator, HttpServletRequest request, String target, String outcome) {
        consoleAudit.record(operator, request, "server.test", target, outcome);
    }
}

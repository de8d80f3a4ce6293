package org.vaultmail.admin;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;

/**
 * Each configured IMAP and SMTP server accepts a TCP connection within {@link ServerProbe#TIMEOUT} and, for {@code tls}
 * and {@code starttls}, completes a TLS handshake (with the domain's trust store if it has one). A server that is down
 * is a warning, not a failure: mail servers have their own maintenance windows.
 */
@Component
class MailServersCheck implements DoctorCheck {

    private final MailServerDirectory directory;

    MailServersCheck(MailServerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String topic() {
        return "Mail servers";
    }

    @Override
    public List<Finding> check() {
        List<MailServers> all = directory.all();
        if (all.isEmpty()) {
            return List.of(Finding.warn("no mail domains configured (vaultmail.domains): nobody can sign in"));
        }
        List<Finding> findings = new ArrayList<>();
        for (MailServers servers : all) {
            Optional<KeyStore> anchors = directory.trustAnchors(servers);
            findings.add(probe(servers.domain() + " IMAP", ServerProbe.Protocol.IMAP, servers.imap(), anchors));
            findings.add(probe(servers.domain() + " SMTP", ServerProbe.Protocol.SMTP, servers.smtp(), anchors));
        }
        return findings;
    }

    static Finding probe(String label, ServerProbe.Protocol protocol, MailServers.Endpoint endpoint, Optional<KeyStore> trustStore) {
        String where = label + " " + endpoint;
        ServerProbe.Result r = ServerProbe.probe(label, protocol, endpoint, trustStore, ServerProbe.Depth.REACHABILITY);
        if (r.startTlsRefused()) return Finding.warn(where + ": reachable, but the server refused STARTTLS");
        if (!r.ok()) return Finding.warn(where + ": " + r.failure());
        if (!r.encrypted()) return Finding.ok(where + ": reachable, unencrypted (loopback only)");
        return Finding.ok(where + ": reachable, " + r.tlsProtocol() + " " + r.cipher());
    }
}

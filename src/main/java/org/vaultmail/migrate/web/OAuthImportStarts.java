package org.vaultmail.migrate.web;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.OAuthImports;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.vault.Secret;

/**
 * "Import from &lt;provider&gt;" for the API and the page alike (ADR 0046): the destination is the session's own
 * mailbox (its sealed password, as for a password import), the rest goes to {@link OAuthImports#start}, which answers
 * the provider's authorization URL. Refusals become {@link MigrationProblem}s.
 */
@Component
class OAuthImportStarts {

    static final int MAX_PROVIDER_LENGTH = 100;

    private final ObjectProvider<OAuthImports> imports;
    private final SessionCredentials credentials;

    OAuthImportStarts(ObjectProvider<OAuthImports> imports, SessionCredentials credentials) {
        this.imports = imports;
        this.credentials = credentials;
    }

    List<OAuthProvider> providers() {
        OAuthImports i = imports.getIfAvailable();
        return i == null ? List.of() : i.providers();
    }

    URI start(AuthenticatedSession me, @Nullable String provider, MigrationOptions options, HttpServletRequest request,
              HttpServletResponse response) {
        String p = provider == null ? "" : provider.strip();
        if (p.isEmpty()) throw MigrationProblem.invalid("provider", "problem.import.noProvider");
        if (p.length() > MAX_PROVIDER_LENGTH) throw MigrationProblem.invalid("provider", "problem.import.noSuchProvider");
        OAuthImports service = imports.getIfAvailable();
        if (service == null) throw MigrationProblem.unavailable();
        if (credentials.oauthProvider(me).isPresent()) throw MigrationProblem.destinationSignsInWithOAuth();
        // the session's password opens only with this client's unseal secret; a VaultException means "sign in again"
        try (Secret password = credentials.imapPassword(me);
             ServerLogin destination = new ServerLogin(UserImports.domainOf(me.address()), me.address(),
                     Secret.copyOf(password.revealBytes()))) {
            return service.start(p, destination, options, UserImports.requester(me, request.getRemoteAddr()), request, response);
        } catch (MigrationRefused e) {
            throw MigrationProblem.of(e);
        }
    }
}

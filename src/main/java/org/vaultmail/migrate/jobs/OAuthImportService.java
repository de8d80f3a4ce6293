package org.vaultmail.migrate.jobs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.OAuthImports;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;

import static org.vaultmail.migrate.jobs.Times.at;

/**
 * {@link OAuthImports} and the {@code migration-source} callback (ADR 0046). The start stores a draft
 * ({@code migration_oauth_drafts}: the options and the user's own mailbox login, sealed like a job's) and passes only
 * its id and the user's id as the flow's server-side context. The callback consumes the draft once (a replay finds
 * nothing), stores the grant, and asks the jobs service to test the XOAUTH2 login and queue the job; a refused job
 * deletes the grant again. The source server is the one the operator named for the provider
 * ({@code vaultmail.migrate.oauth-servers.<provider>}), else a server named as the provider, else the configured
 * domain of the authorized address: never a host of the user's choosing.
 */
final class OAuthImportService implements OAuthImports, OAuthCallbackHandler {

    static final SealedColumn DRAFT_DESTINATION = new SealedColumn("migration_oauth_drafts", "id",
            "destination_credentials", "destination_credentials_key_id", "owner_user_id", Purpose.CREDENTIALS);
    static final String PAGE = "/settings/import";
    private static final Logger log = LoggerFactory.getLogger(OAuthImportService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JobCredentials credentials;
    private final ServerResolver servers;
    private final MigrationJobs jobs;
    private final ObjectProvider<OAuthProviders> providers;
    private final ObjectProvider<OAuthFlows> flows;
    private final ObjectProvider<OAuthGrants> grants;
    private final Map<String, String> serverNames;
    private final Duration draftLifetime;
    private final Clock clock;

    OAuthImportService(JdbcTemplate jdbc, TransactionTemplate tx, JobCredentials credentials, ServerResolver servers,
                       MigrationJobs jobs, ObjectProvider<OAuthProviders> providers, ObjectProvider<OAuthFlows> flows,
                       ObjectProvider<OAuthGrants> grants, Map<String, String> serverNames, Duration draftLifetime,
                       Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.credentials = credentials;
        this.servers = servers;
        this.jobs = jobs;
        this.providers = providers;
        this.flows = flows;
        this.grants = grants;
        this.serverNames = Map.copyOf(serverNames);
        this.draftLifetime = draftLifetime;
        this.clock = clock;
    }

    @Override
    public List<OAuthProvider> providers() {
        OAuthProviders p = providers.getIfAvailable();
        if (p == null || flows.getIfAvailable() == null || grants.getIfAvailable() == null) return List.of();
        return p.all().stream().filter(x -> x.purposes().contains(OAuthPurpose.MIGRATION_SOURCE)).toList();
    }

    @Override
    public URI start(String providerId, ServerLogin destination, MigrationOptions options, Requester requester,
                     HttpServletRequest request, HttpServletResponse response) throws MigrationRefused {
        OAuthProvider provider = providers().stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new MigrationRefused("unknown_provider",
                        UserText.of("problem.import.unknownProvider", clip(providerId))));
        Long owner = requester.userId();
        if (owner == null || requester.operator()) {
            throw new MigrationRefused("server_not_allowed", UserText.of("problem.import.oauthUserOnly"));
        }
        ownMailbox(requester, destination);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Sealed sealed = credentials.seal(DRAFT_DESTINATION, id, owner, destination.login(), destination.password());
        jdbc.update("""
                INSERT INTO migration_oauth_drafts (id, owner_user_id, provider_id, destination_server, destination_login,
                       destination_credentials, destination_credentials_key_id, options, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, owner, provider.id(),
                destination.server().trim().toLowerCase(Locale.ROOT), destination.login(), sealed.ciphertext(),
                sealed.keyId(), OptionsJson.write(options), at(now), at(now.plus(draftLifetime)));
        try {
            return flows.getObject().start(provider.id(), OAuthPurpose.MIGRATION_SOURCE, FLOW,
                    Map.of("draft", id, "user", Long.toString(owner)), null, request, response);
        } catch (RuntimeException e) {
            deleteDraft(id);
            throw e;
        }
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
        try (authorization) {
            Draft draft = consume(authorization.context()).orElse(null);
            if (draft == null) return PAGE + "?oauth=expired";
            OAuthGrants g = grants.getObject();
            long grantId = g.store(draft.owner(), authorization);
            try (ServerLogin dst = credentials.openLogin(DRAFT_DESTINATION, draft.id(), draft.owner(), draft.ciphertext(),
                    draft.destinationServer())) {
                String server = sourceServer(authorization.provider(), authorization.email())
                        .orElseThrow(() -> new MigrationRefused("unknown_server",
                                UserText.of("problem.import.oauthNoServer")));
                Requester requester = Requester.user(draft.owner(), draft.destinationLogin(), request.getRemoteAddr());
                JobView job = jobs.createWithGrant(server, authorization.email(), grantId, dst, draft.options(), requester);
                return PAGE + "/" + job.id();
            } catch (MigrationRefused e) {
                deleteGrant(grantId);
                log.info("OAuth import for user {} refused: {}", draft.owner(), e.code());
                return PAGE + "?oauth=" + e.code();
            } catch (RuntimeException e) { // a VaultException too: the draft's login no longer opens
                deleteGrant(grantId);
                log.warn("OAuth import for user {} failed ({})", draft.owner(), e.getClass().getSimpleName());
                return PAGE + "?oauth=failed";
            }
        }
    }

    @Override
    public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
        consume(failure.context()); // the draft (and the sealed login in it) goes at once
        return PAGE + "?oauth=" + switch (failure.reason()) {
            case DENIED -> "denied";
            case SCOPE_NOT_GRANTED -> "scope";
            case EXPIRED -> "expired";
            case EXCHANGE_FAILED, ID_TOKEN_INVALID -> "failed";
        };
    }

    /** Unused drafts past their lifetime (the browser never came back). */
    void deleteExpiredDrafts() {
        jdbc.update("DELETE FROM migration_oauth_drafts WHERE expires_at < ?", at(clock.instant()));
    }

    /** The operator's server for the provider, else a server named as the provider, else the address's domain. */
    Optional<String> sourceServer(OAuthProvider provider, String email) {
        String named = serverNames.get(provider.id());
        if (named != null) return servers.resolve(named).map(s -> named);
        if (servers.resolve(provider.id()).isPresent()) return Optional.of(provider.id());
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return servers.resolve(domain).isPresent() && !domain.isEmpty() ? Optional.of(domain) : Optional.empty();
    }

    private record Draft(String id, long owner, String providerId, String destinationServer, String destinationLogin,
                         byte[] ciphertext, MigrationOptions options) {
    }

    /** The draft the context names, if it is the context user's and not expired; deleted in the same transaction. */
    private Optional<Draft> consume(Map<String, String> context) {
        String id = context.get("draft");
        String user = context.get("user");
        if (id == null || user == null || id.length() > 36) return Optional.empty();
        return Optional.ofNullable(tx.execute(s -> {
            Draft d = jdbc.query("""
                    SELECT id, owner_user_id, provider_id, destination_server, destination_login, destination_credentials,
                           options FROM migration_oauth_drafts WHERE id = ? AND expires_at >= ? FOR UPDATE""",
                    (rs, n) -> new Draft(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBytes(6), OptionsJson.read(rs.getString(7))), id, at(clock.instant()))
                    .stream().findFirst().orElse(null);
            jdbc.update("DELETE FROM migration_oauth_drafts WHERE id = ?", id);
            if (d == null || !Long.toString(d.owner()).equals(user) || d.ciphertext() == null) return null;
            return d;
        }));
    }

    private void deleteDraft(String id) {
        jdbc.update("DELETE FROM migration_oauth_drafts WHERE id = ?", id);
    }

    private void deleteGrant(long grantId) {
        try {
            grants.getObject().delete(grantId);
        } catch (RuntimeException e) {
            log.warn("OAuth grant {} of a refused import not deleted ({})", grantId, e.getClass().getSimpleName());
        }
    }

    /** The same rule as a password import: the destination is the user's own sign-in login on its home domain. */
    private void ownMailbox(Requester requester, ServerLogin dst) throws MigrationRefused {
        var home = servers.home(requester.actorId()).orElseThrow(() ->
                new MigrationRefused("server_not_allowed", UserText.of("problem.import.noHomeServer")));
        if (!dst.login().equalsIgnoreCase(requester.actorId()) || !home.domain().equalsIgnoreCase(dst.server().trim())) {
            throw new MigrationRefused("server_not_allowed", UserText.of("problem.import.ownMailboxOnly"));
        }
    }

    private static String clip(@Nullable String s) {
        if (s == null) return "";
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}

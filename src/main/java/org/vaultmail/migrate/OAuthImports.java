package org.vaultmail.migrate;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.vaultmail.oauth.OAuthProvider;

/**
 * Imports from an OAuth mailbox (issue 15 item 4, ADR 0046): "Import from Google/Microsoft/…". {@link #start} keeps the
 * job's options and the user's own mailbox login as a draft (server side, sealed) and returns the provider's
 * authorization URL; the provider's callback (flow {@code migration-source}) stores the grant, tests the IMAP XOAUTH2
 * login and creates the job ({@link MigrationJobs#createWithGrant}).
 */
public interface OAuthImports {

    /** The flow name of {@link org.vaultmail.oauth.OAuthFlows#start} and of the callback handler. */
    String FLOW = "migration-source";

    /** Providers the operator enabled for {@code migration-source}, in configuration order. */
    List<OAuthProvider> providers();

    /**
     * Starts the authorization flow for a user's import into their own mailbox ({@code destination}, the session's
     * login; closed by the caller). Refused ({@code unknown_provider}, {@code server_not_allowed}, …) before anything
     * is stored.
     */
    URI start(String providerId, ServerLogin destination, MigrationOptions options, Requester requester,
              HttpServletRequest request, HttpServletResponse response) throws MigrationRefused;
}

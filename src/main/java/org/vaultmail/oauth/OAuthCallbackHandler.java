package org.vaultmail.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Finishes the flows of one kind (a bean per feature: {@code mailbox-connect}, {@code signin}, {@code migration-source}).
 * The callback endpoint ({@code GET /oauth/callback/{registrationId}}) verifies everything, then calls the handler named
 * by the flow's stored {@code flow}.
 */
public interface OAuthCallbackHandler {

    /** The flow name this handler finishes, as passed to {@link OAuthFlows#start}. */
    String flow();

    /** Stores or uses the tokens; returns the local path to redirect the browser to. */
    String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response);

    /** The flow failed or was declined; returns the local path to redirect to (a page that says what happened). */
    String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response);
}

package org.vaultmail.oauth;

/** What happened at the provider when tokens were deleted here. */
public enum Revocation {
    /** The provider's revocation endpoint accepted the token. */
    REVOKED,
    /** The provider has no revocation endpoint (Microsoft): the user must remove the app's consent themselves. */
    NOT_SUPPORTED,
    /** The endpoint could not be reached or refused; the tokens are deleted here all the same. */
    FAILED
}

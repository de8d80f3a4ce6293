package org.vaultmail.gateway.apikeys;

/** A key management request refused with a message the user can act on (never containing a key). */
final class ApiKeyRefused extends RuntimeException {

    enum Kind { INVALID, SECOND_FACTOR_REQUIRED, NOT_FOUND }

    static final String SECOND_FACTOR_TYPE = "tag:vaultmail.org,2026:problem:second-factor-required";
    static final String SECOND_FACTOR = "Creating an API key needs two-step sign-in on your account: set up an authenticator "
            + "app under Settings › Security (/settings/security) first.";

    private final Kind kind;

    ApiKeyRefused(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}

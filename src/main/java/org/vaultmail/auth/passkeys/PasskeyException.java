package org.vaultmail.auth.passkeys;

/** A ceremony the server refused, with the message the user sees; it names no credential and no secret. */
public final class PasskeyException extends RuntimeException {

    /** Why; the name (lower case) is the audit reason. */
    public enum Problem {
        EXPIRED("The passkey request timed out or was already used. Please try again."),
        UNKNOWN_CREDENTIAL("This passkey is not registered for this account. Use one you added under Settings, Security, Passkeys."),
        NOT_VERIFIED("Your authenticator did not verify you (PIN, fingerprint or face). Vaultmail needs that: turn on user "
                + "verification for this authenticator, or use another passkey."),
        COUNTER_REGRESSION("This passkey was refused: its signature counter went backwards, which happens when an "
                + "authenticator was copied. Use another passkey, and if this keeps happening, remove this one."),
        DUPLICATE("This authenticator already holds a passkey for this account."),
        INVALID("The passkey's answer could not be verified. Please try again."),
        NAME("Give the passkey a name of 1 to 60 characters, so you can tell your passkeys apart."),
        NO_PRF("This authenticator cannot unlock your mail password (it does not support the PRF extension), so it works as "
                + "a second factor only. Sign in with your password and confirm with this passkey."),
        NOT_ENABLED("This passkey is not set up for signing in on its own. Sign in with your password; then you can turn "
                + "it on under Settings, Security, Passkeys."),
        FORBIDDEN("Your administrator does not allow signing in with a passkey alone for your domain. Sign in with your "
                + "password (your passkey can still confirm it)."),
        UNLOCK_FAILED("This passkey could not unlock your mail password. Sign in with your password, then turn sign-in "
                + "with this passkey off and on again."),
        NO_PASSWORD("This session has no mail password to store (it signed in through your organisation's account), so "
                + "sign-in with a passkey cannot be turned on here.");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private final Problem problem;

    PasskeyException(Problem problem) {
        super(problem.name(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** What the user is told. */
    public String userMessage() {
        return problem.message();
    }
}
